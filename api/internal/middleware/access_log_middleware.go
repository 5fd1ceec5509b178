package middleware

import (
	"net/http"
	"time"

	"github.com/zeromicro/go-zero/core/logx"
)

// AccessLogMiddleware logs slow requests, with the secrets of their query strings
// redacted (response.Router rewrites RequestURI). It replaces go-zero's access
// log, which prints every query string in full (GOZERO-NOTES §2.6).
type AccessLogMiddleware struct {
	slow time.Duration
}

func NewAccessLogMiddleware(slowMs int64) *AccessLogMiddleware {
	return &AccessLogMiddleware{slow: time.Duration(slowMs) * time.Millisecond}
}

func (m *AccessLogMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next(w, r)
		if elapsed := time.Since(start); elapsed >= m.slow {
			logx.WithContext(r.Context()).WithDuration(elapsed).Slowf("[HTTP] slow request %s %s", r.Method, r.RequestURI)
		}
	}
}
