package middleware

import "net/http"

// UploadMiddleware streams the multipart upload of publish to disk.
type UploadMiddleware struct {
	maxBytes int64
}

func NewUploadMiddleware(maxBytes int64) *UploadMiddleware {
	return &UploadMiddleware{maxBytes: maxBytes}
}

func (m *UploadMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		next(w, r)
	}
}
