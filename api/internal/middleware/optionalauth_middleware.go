package middleware

import (
	"net/http"

	"douyin/pkg/token"
)

// OptionalAuthMiddleware identifies the viewer of a read endpoint: a missing or
// invalid token means an anonymous viewer, as the contract says.
type OptionalAuthMiddleware struct {
	secret string
}

func NewOptionalAuthMiddleware(secret string) *OptionalAuthMiddleware {
	return &OptionalAuthMiddleware{secret: secret}
}

func (m *OptionalAuthMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if userID, err := token.Parse(m.secret, token.FromRequest(r)); err == nil {
			r = r.WithContext(token.WithUser(r.Context(), userID))
		}
		next(w, r)
	}
}
