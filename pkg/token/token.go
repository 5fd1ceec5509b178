// Package token issues and checks the app's tokens: go-zero style HS256 JWTs
// carrying the userId claim, read from wherever the app puts them.
package token

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4"

	"douyin/pkg/param"
)

const claimUserID = "userId"

var ErrInvalid = errors.New("invalid token")

// Issue signs a token for userID that expires after expireSeconds.
func Issue(secret string, expireSeconds, userID int64) (string, error) {
	now := time.Now().Unix()
	claims := jwt.MapClaims{"iat": now, "exp": now + expireSeconds, claimUserID: userID}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
}

// Parse checks signature, algorithm and expiry and returns the user id.
func Parse(secret, raw string) (int64, error) {
	userID, _, err := parse(secret, raw)
	return userID, err
}

func parse(secret, raw string) (userID int64, expires time.Time, err error) {
	tok, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) {
		// Only HS256: refuses alg "none" and key-confusion tricks.
		if t.Method != jwt.SigningMethodHS256 {
			return nil, ErrInvalid
		}
		return []byte(secret), nil
	})
	if err != nil || !tok.Valid {
		return 0, time.Time{}, ErrInvalid
	}
	claims, ok := tok.Claims.(jwt.MapClaims)
	if !ok || !claims.VerifyExpiresAt(time.Now().Unix(), true) {
		return 0, time.Time{}, ErrInvalid
	}
	exp, _ := claims["exp"].(float64)
	id, ok := claims[claimUserID].(float64)
	if !ok || id <= 0 || id != float64(int64(id)) {
		return 0, time.Time{}, ErrInvalid
	}
	return int64(id), time.Unix(int64(exp), 0), nil
}

// FromRequest finds the raw token: query, then form or multipart field (the
// upload middleware puts multipart fields into r.Form; an urlencoded body is
// read through param.ParseBody, within its limit), then a Bearer header.
func FromRequest(r *http.Request) string {
	if t := r.URL.Query().Get("token"); t != "" {
		return t
	}
	if r.Form != nil {
		if t := r.Form.Get("token"); t != "" {
			return t
		}
	} else if r.Method == http.MethodPost && isURLEncoded(r) && param.ParseBody(r) == nil {
		if t := r.Form.Get("token"); t != "" {
			return t
		}
	}
	return Bearer(r)
}

// Bearer is the token of an "Authorization: Bearer" header, "" if none.
func Bearer(r *http.Request) string {
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

func isURLEncoded(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
}

type ctxKey struct{}

// WithUser stores the authenticated user id in ctx.
func WithUser(ctx context.Context, userID int64) context.Context {
	return context.WithValue(ctx, ctxKey{}, userID)
}

// UserID is the authenticated user id in ctx, 0 for an anonymous viewer.
func UserID(ctx context.Context) int64 {
	id, _ := ctx.Value(ctxKey{}).(int64)
	return id
}
