package middleware

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
)

// AuthMiddleware requires a valid token wherever the app puts it (go-zero's jwt:
// reads only the Authorization header).
type AuthMiddleware struct {
	verifier *token.Verifier
}

func NewAuthMiddleware(verifier *token.Verifier) *AuthMiddleware {
	return &AuthMiddleware{verifier: verifier}
}

func (m *AuthMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := param.ParseBody(r); err != nil { // the token may be in the body
			response.Refuse(r.Context(), w, err)
			return
		}
		userID, err := m.verifier.Verify(token.FromRequest(r))
		if err != nil {
			response.Status(w, xerr.Unauthorized, xerr.Message(xerr.Unauthorized))
			return
		}
		next(w, r.WithContext(token.WithUser(r.Context(), userID)))
	}
}
