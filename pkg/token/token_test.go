package token

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

const secret = "test-secret-0123456789"

func TestIssueParseRoundTrip(t *testing.T) {
	tok, err := Issue(secret, 60, 42)
	if err != nil {
		t.Fatal(err)
	}
	if url.QueryEscape(tok) != tok {
		t.Fatalf("token is not URL-safe: %s", tok)
	}
	id, err := Parse(secret, tok)
	if err != nil || id != 42 {
		t.Fatalf("Parse = %d, %v", id, err)
	}
}

func TestParseRefusesBadTokens(t *testing.T) {
	good, _ := Issue(secret, 60, 7)
	expired, _ := Issue(secret, -10, 7)
	otherKey, _ := Issue("another-secret-123456", 60, 7)
	noExp, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"userId": 7}).SignedString([]byte(secret))
	hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, jwt.MapClaims{"userId": 7, "exp": time.Now().Unix() + 60}).SignedString([]byte(secret))
	noneTok, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"userId": 7, "exp": time.Now().Unix() + 60}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	parts := strings.Split(good, ".")
	forgedClaims := base64.RawURLEncoding.EncodeToString([]byte(`{"userId":8,"exp":9999999999}`))
	forged := parts[0] + "." + forgedClaims + "." + parts[2]
	zeroUser, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"userId": 0, "exp": time.Now().Unix() + 60}).SignedString([]byte(secret))

	for name, tok := range map[string]string{
		"empty": "", "garbage": "abc.def.ghi", "expired": expired, "other key": otherKey,
		"no exp": noExp, "HS512": hs512, "alg none": noneTok, "forged claims": forged, "user 0": zeroUser,
	} {
		if id, err := Parse(secret, tok); err == nil {
			t.Errorf("%s: accepted as user %d", name, id)
		}
	}
}

func TestFromRequest(t *testing.T) {
	tok := "tok.en.value"
	query := httptest.NewRequest(http.MethodGet, "/douyin/feed/?token="+tok, nil)
	form := httptest.NewRequest(http.MethodPost, "/douyin/favorite/action/", strings.NewReader("token="+tok))
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	multipartFields := httptest.NewRequest(http.MethodPost, "/douyin/publish/action/", nil)
	multipartFields.Form = url.Values{"token": {tok}} // what the upload middleware leaves
	bearer := httptest.NewRequest(http.MethodGet, "/douyin/user/", nil)
	bearer.Header.Set("Authorization", "Bearer "+tok)
	none := httptest.NewRequest(http.MethodGet, "/douyin/user/", nil)

	for name, r := range map[string]*http.Request{"query": query, "form": form, "multipart": multipartFields, "bearer": bearer} {
		if got := FromRequest(r); got != tok {
			t.Errorf("%s: got %q", name, got)
		}
	}
	if got := FromRequest(none); got != "" {
		t.Errorf("no token: got %q", got)
	}
}

func TestUserContext(t *testing.T) {
	if UserID(context.Background()) != 0 {
		t.Fatal("anonymous context has a user")
	}
	if UserID(WithUser(context.Background(), 9)) != 9 {
		t.Fatal("user lost")
	}
}

func TestVerifierRemembersOnlyValidTokens(t *testing.T) {
	v := NewVerifier(secret)
	good, _ := Issue(secret, 60, 5)
	for i := 0; i < 3; i++ {
		if id, err := v.Verify(good); err != nil || id != 5 {
			t.Fatalf("verify %d: %d %v", i, id, err)
		}
	}
	bad, _ := Issue("another-secret-123456", 60, 5)
	for i := 0; i < 2; i++ {
		if _, err := v.Verify(bad); err == nil {
			t.Fatal("a token of another key was accepted")
		}
	}
	// A remembered token still expires.
	short, _ := Issue(secret, 1, 6)
	if _, err := v.Verify(short); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2100 * time.Millisecond)
	if _, err := v.Verify(short); err == nil {
		t.Fatal("an expired token was accepted from memory")
	}
}
