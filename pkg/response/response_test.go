package response

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/rest/router"

	"douyin/pkg/xerr"
)

type item struct {
	Id int64 `json:"id"`
}

type listResp struct {
	StatusCode int32  `json:"status_code"`
	StatusMsg  string `json:"status_msg"`
	Items      []item `json:"item_list"`
	NextTime   int64  `json:"next_time"`
}

type accountResp struct {
	StatusCode int32  `json:"status_code"`
	StatusMsg  string `json:"status_msg"`
	UserId     int64  `json:"user_id"`
	Token      string `json:"token"`
}

func body(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("HTTP %d", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	if cl := w.Header().Get("Content-Length"); cl != strconv.Itoa(w.Body.Len()) {
		t.Fatalf("Content-Length %q for %d bytes", cl, w.Body.Len())
	}
	return w.Body.String()
}

// Text goes out as written: no HTML escaping (the app shows comments as typed),
// exactly as go-zero's httpx writes it.
func TestWriteKeepsTextAsWritten(t *testing.T) {
	type commentResp struct {
		StatusCode int32  `json:"status_code"`
		StatusMsg  string `json:"status_msg"`
		Content    string `json:"content"`
	}
	w := httptest.NewRecorder()
	Write(context.Background(), w, &commentResp{Content: `<a href="x">'1' & "2"</a> 你好`}, nil)
	want := `{"status_code":0,"status_msg":"","content":"<a href=\"x\">'1' & \"2\"</a> 你好"}`
	if got := body(t, w); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestWriteSuccessTurnsNilListsIntoEmpty(t *testing.T) {
	w := httptest.NewRecorder()
	Write(context.Background(), w, &listResp{NextTime: 5}, nil)
	if got := body(t, w); got != `{"status_code":0,"status_msg":"","item_list":[],"next_time":5}` {
		t.Fatalf("got %s", got)
	}
}

func TestWriteErrorKeepsEveryField(t *testing.T) {
	w := httptest.NewRecorder()
	Write(context.Background(), w, (*accountResp)(nil), xerr.New(xerr.WrongCredentials))
	want := `{"status_code":20002,"status_msg":"Wrong username or password","user_id":0,"token":""}`
	if got := body(t, w); got != want {
		t.Fatalf("got %s", got)
	}
	w = httptest.NewRecorder()
	Write(context.Background(), w, (*listResp)(nil), errors.New("sql: connection refused on 10.1.2.3"))
	got := body(t, w)
	if strings.Contains(got, "10.1.2.3") || !strings.Contains(got, `"item_list":[]`) || !strings.Contains(got, `"status_code":10000`) {
		t.Fatalf("got %s", got)
	}
}

func TestRouterTurnsBareStatusesIntoEnvelopes(t *testing.T) {
	r := Router(router.NewRouter())
	if err := r.Handle(http.MethodPost, "/big", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	})); err != nil {
		t.Fatal(err)
	}
	if err := r.Handle(http.MethodGet, "/busy", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "timeout", http.StatusServiceUnavailable)
	})); err != nil {
		t.Fatal(err)
	}
	r.SetNotFoundHandler(http.HandlerFunc(NotFound))
	cases := map[string]string{
		"POST /big":     `"status_code":10004`,
		"GET /busy":     `"status_code":10005`,
		"GET /nowhere/": `"status_code":10003`,
	}
	for req, want := range cases {
		method, path, _ := strings.Cut(req, " ")
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		if got := body(t, w); !strings.Contains(got, want) || strings.Contains(got, "timeout") {
			t.Errorf("%s: got %s", req, got)
		}
	}
}

func TestRouterRedactsSecretsFromRequestURI(t *testing.T) {
	r := Router(router.NewRouter())
	var seen, token string
	if err := r.Handle(http.MethodPost, "/douyin/user/login", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		seen, token = req.RequestURI, req.URL.Query().Get("token")
	})); err != nil {
		t.Fatal(err)
	}
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost,
		"/douyin/user/login/?username=bob&password=hunter2&token=abc.def", nil))
	if strings.Contains(seen, "hunter2") || strings.Contains(seen, "abc.def") || !strings.Contains(seen, "username=bob") {
		t.Fatalf("RequestURI %q", seen)
	}
	if token != "abc.def" {
		t.Fatalf("the handler lost the token: %q", token)
	}
}

// An answer that cannot be encoded is still HTTP 200 with a status code.
func TestWriteUnencodableAnswerIsAnInternalError(t *testing.T) {
	type badResp struct {
		StatusCode int32      `json:"status_code"`
		StatusMsg  string     `json:"status_msg"`
		Ch         chan int64 `json:"ch"`
	}
	w := httptest.NewRecorder()
	Write(context.Background(), w, &badResp{Ch: make(chan int64)}, nil)
	want := `{"status_code":` + strconv.Itoa(int(xerr.Internal)) + `,"status_msg":"` + xerr.Message(xerr.Internal) + `"}`
	if got := body(t, w); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// Secrets are recognised by what their keys mean once decoded.
func TestRedactedURIDecodesKeys(t *testing.T) {
	raw := "/douyin/message/action/?%74oken=tok.secret&pass%77ord=hunter2&con%74ent=meet+at+noon&Token=tok2&content=hi+there" +
		"&%zz=weird&to_user_id=7&pass+word=kept"
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	got := RedactedURI(u)
	for _, secret := range []string{"tok.secret", "hunter2", "meet", "tok2", "hi+there", "weird"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q leaks %q", got, secret)
		}
	}
	for _, kept := range []string{"to_user_id=7", "pass+word=kept", "token=REDACTED", "password=REDACTED", "content=REDACTED"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost %q", got, kept)
		}
	}
}
