package secret

import (
	"strings"
	"testing"
)

func TestCheckRefusesEmptyShippedAndShortSecrets(t *testing.T) {
	for _, bad := range []string{"", "change-me-douyin-zero-secret", "change-me-in-a-secret", "admin",
		strings.Repeat("x", MinBytes-1)} {
		err := Check("Auth.AccessSecret", "ACCESS_SECRET", bad)
		if err == nil {
			t.Fatalf("%q accepted", bad)
		}
		msg := err.Error()
		if !strings.Contains(msg, "Auth.AccessSecret") || !strings.Contains(msg, "set ACCESS_SECRET") {
			t.Errorf("%q: the message does not say what and how to set: %s", bad, msg)
		}
		if bad != "" && strings.Contains(msg, bad) {
			t.Errorf("the message carries the secret: %s", msg)
		}
	}
}

func TestCheckAcceptsALongRandomSecret(t *testing.T) {
	if err := Check("Auth.AccessSecret", "ACCESS_SECRET", strings.Repeat("ab", MinBytes/2)); err != nil {
		t.Fatal(err)
	}
}
