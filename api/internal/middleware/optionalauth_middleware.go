package middleware

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"
	"douyin/pkg/token"
)

// OptionalAuthMiddleware identifies the viewer of a read endpoint: a missing or
// invalid token means an anonymous viewer, as the contract says.
type OptionalAuthMiddleware struct {
	verifier *token.Verifier
}

func NewOptionalAuthMiddleware(verifier *token.Verifier) *OptionalAuthMiddleware {
	return &OptionalAuthMiddleware{verifier: verifier}
}

func (m *OptionalAuthMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := param.ParseBody(r); err != nil { // the token may be in the body
			response.Refuse(r.Context(), w, err)
			return
		}
		if userID, err := m.verifier.Verify(token.FromRequest(r)); err == nil {
			r = r.WithContext(token.WithUser(r.Context(), userID))
		}
		next(w, r)
	}
}
