package middleware

import (
	"net/http"

	"douyin/pkg/origin"
)

// OriginMiddleware records where the client reached the gateway (pkg/origin),
// so that the media URLs of the answer work from there, and the client's
// address, which the rate limits of logins and registrations count by.
type OriginMiddleware struct {
	resolver *origin.Resolver
}

func NewOriginMiddleware(resolver *origin.Resolver) *OriginMiddleware {
	return &OriginMiddleware{resolver: resolver}
}

func (m *OriginMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := origin.NewContext(r.Context(), m.resolver.BaseURL(r))
		next(w, r.WithContext(origin.NewClientContext(ctx, m.resolver.ClientIP(r))))
	}
}
