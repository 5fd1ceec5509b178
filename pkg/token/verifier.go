package token

import (
	"time"

	"github.com/zeromicro/go-zero/core/collection"
)

// Verifier checks tokens and remembers the ones it verified: the app sends the
// same token with every request, and checking a JWT (base64, JSON, HMAC) costs
// more than the rest of a cached read. Only valid tokens are remembered, each
// no longer than it remains valid.
type Verifier struct {
	secret   string
	verified *collection.Cache // raw token -> verifiedToken
}

type verifiedToken struct {
	userID  int64
	expires time.Time
}

const (
	verifiedTTL   = 5 * time.Minute
	verifiedLimit = 100_000
)

// NewVerifier returns a Verifier of tokens signed with secret.
func NewVerifier(secret string) *Verifier {
	c, err := collection.NewCache(verifiedTTL, collection.WithLimit(verifiedLimit), collection.WithName("token"))
	if err != nil {
		panic(err)
	}
	return &Verifier{secret: secret, verified: c}
}

// Verify is Parse with a memory of the tokens already verified.
func (v *Verifier) Verify(raw string) (int64, error) {
	if raw == "" {
		return 0, ErrInvalid
	}
	if hit, ok := v.verified.Get(raw); ok {
		if t := hit.(verifiedToken); time.Now().Before(t.expires) {
			return t.userID, nil
		}
		v.verified.Del(raw)
		return 0, ErrInvalid
	}
	userID, expires, err := parse(v.secret, raw)
	if err != nil {
		return 0, err
	}
	ttl := time.Until(expires)
	if ttl > verifiedTTL {
		ttl = verifiedTTL
	}
	v.verified.SetWithExpire(raw, verifiedToken{userID: userID, expires: expires}, ttl)
	return userID, nil
}
