package response

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/zeromicro/go-zero/rest/httpx"

	"douyin/pkg/xerr"
)

// Router wraps go-zero's router so that the bare replies of its built-in handlers
// (413 from maxBytes, 503 from timeout and shedding, 500 from a recovered panic)
// reach the app as HTTP 200 envelopes: anything else shows as "network error".
func Router(next httpx.Router) httpx.Router { return envelopeRouter{next} }

type envelopeRouter struct{ httpx.Router }

func (r envelopeRouter) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	// go-zero's own handlers (shedding, breaker, timeout, maxBytes) log
	// r.RequestURI, and the app sends password and token in the query string.
	req.RequestURI = RedactedURI(req.URL)
	r.Router.ServeHTTP(&envelopeWriter{ResponseWriter: w}, req)
}

// secretParams never reach a log line: credentials, and chat content.
var secretParams = []string{"password", "token", "content"}

// RedactedURI is the request path and query with the values of secret
// parameters replaced. A key counts by what it means once URL-decoded
// (%74oken is token), as the form parser decodes it; a key that does not
// decode is redacted whole. It scans the raw query instead of parsing it into
// a map: it runs on every request.
func RedactedURI(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	parts := strings.Split(u.RawQuery, "&")
	for i, part := range parts {
		key, _, _ := strings.Cut(part, "=")
		if strings.ContainsAny(key, "%+") {
			decoded, err := url.QueryUnescape(key)
			if err != nil {
				parts[i] = "REDACTED"
				continue
			}
			key = decoded
		}
		if isSecretParam(key) {
			parts[i] = key + "=REDACTED"
		}
	}
	return u.Path + "?" + strings.Join(parts, "&")
}

// isSecretParam compares without case, and ignores the spaces and NULs a
// decoded key may carry, so that no spelling of a secret slips through.
func isSecretParam(key string) bool {
	key = strings.Trim(key, " \t\x00")
	for _, p := range secretParams {
		if strings.EqualFold(key, p) {
			return true
		}
	}
	return false
}

type envelopeWriter struct {
	http.ResponseWriter
	wroteHeader bool
	rewritten   bool
}

func (w *envelopeWriter) WriteHeader(status int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	if status < http.StatusBadRequest {
		w.ResponseWriter.WriteHeader(status)
		return
	}
	w.rewritten = true
	code := uint32(xerr.Internal)
	switch status {
	case http.StatusRequestEntityTooLarge:
		code = xerr.RequestTooLarge
	case http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusGatewayTimeout, 499:
		code = xerr.ServiceBusy
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		code = xerr.RouteNotFound
	case http.StatusUnauthorized:
		code = xerr.Unauthorized
	}
	Status(w.ResponseWriter, code, xerr.Message(code))
}

func (w *envelopeWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.rewritten {
		return len(b), nil // the built-in handler's own body is replaced
	}
	return w.ResponseWriter.Write(b)
}

func (w *envelopeWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection underneath.
func (w *envelopeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// NotFound answers unknown routes with the envelope.
func NotFound(w http.ResponseWriter, _ *http.Request) {
	Status(w, xerr.RouteNotFound, xerr.Message(xerr.RouteNotFound))
}
