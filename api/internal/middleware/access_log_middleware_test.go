package middleware

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/rest/router"

	"douyin/pkg/response"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The slow-request log carries no secret, however its key is spelled.
func TestSlowRequestLogIsRedacted(t *testing.T) {
	var logs lockedBuffer
	logx.SetWriter(logx.NewWriter(&logs))
	defer logx.SetWriter(logx.NewWriter(nopWriter{}))

	r := response.Router(router.NewRouter())
	slow := NewAccessLogMiddleware(0).Handle(func(w http.ResponseWriter, _ *http.Request) {})
	if err := r.Handle(http.MethodPost, "/douyin/message/action", slow); err != nil {
		t.Fatal(err)
	}
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost,
		"/douyin/message/action/?%74oken=tok.en.secret&pass%77ord=hunter2&content=meet%20at%20noon&to_user_id=7", nil))
	got := logs.String()
	if !strings.Contains(got, "slow request") || !strings.Contains(got, "to_user_id=7") {
		t.Fatalf("no slow-request line: %q", got)
	}
	for _, secret := range []string{"tok.en.secret", "hunter2", "meet", "noon"} {
		if strings.Contains(got, secret) {
			t.Errorf("the log carries %q: %s", secret, got)
		}
	}
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
