package param

import (
	"testing"

	"douyin/pkg/xerr"
)

func TestTextRefusesInvalidUTF8AndNUL(t *testing.T) {
	for name, s := range map[string]string{"invalid UTF-8": "caf\xe9", "NUL": "a\x00b", "a lone surrogate half": "\xed\xa0\x80"} {
		_, err := Text(s, "comment_text", 500)
		if !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if msg := err.(*xerr.CodeError).Msg; msg != "comment_text must be valid UTF-8 text" && msg != "comment_text must not contain NUL characters" {
			t.Errorf("%s: unclear message %q", name, msg)
		}
	}
}

func TestUsernameIsCanonical(t *testing.T) {
	accepted := map[string]string{
		"alice":                            "alice",
		"  alice \t":                       "alice",
		"Zoë":                              "Zoë",
		"Zoe\u0308":                        "Zoë", // e + combining diaeresis: NFC composes it
		"张 三":                              "张 三",
		"a-b_c.d@e":                        "a-b_c.d@e",
		"😀":                                "😀",
		"abcdefghijabcdefghijabcdefghij12": "abcdefghijabcdefghijabcdefghij12",
	}
	for raw, want := range accepted {
		if got, err := Username(raw); err != nil || got != want {
			t.Errorf("Username(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	refused := map[string]string{
		"empty":             "   ",
		"too long":          "abcdefghijabcdefghijabcdefghij123",
		"invalid UTF-8":     "al\xffice",
		"NUL":               "ali\x00ce",
		"a control":         "ali\x07ce",
		"zero-width space":  "ali\u200bce",
		"zero-width joiner": "ali\u200dce",
		"bidi override":     "ali\u202ece",
		"bidi isolate":      "ali\u2066ce",
		"BOM":               "\ufeffalice",
		"no-break space":    "ali\u00a0ce",
		"line separator":    "ali\u2028ce",
	}
	for name, raw := range refused {
		if _, err := Username(raw); !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("%s (%q): %v", name, raw, err)
		}
	}
}

func TestLoginUsernameNamesOnlyCanonicalAccounts(t *testing.T) {
	if got, err := LoginUsername("alice"); err != nil || got != "alice" {
		t.Fatalf("alice: %q %v", got, err)
	}
	if got, err := LoginUsername("Zoe\u0308"); err != nil || got != "Zoë" {
		t.Fatalf("a decomposed name is the same name: %q %v", got, err)
	}
	for _, raw := range []string{"alice ", " alice", "alice\t"} {
		if _, err := LoginUsername(raw); !xerr.Is(err, xerr.WrongCredentials) {
			t.Errorf("LoginUsername(%q): %v", raw, err)
		}
	}
	if _, err := LoginUsername("ali\u200bce"); !xerr.Is(err, xerr.InvalidParam) {
		t.Errorf("a zero-width name at login: %v", err)
	}
}

func TestPassword(t *testing.T) {
	if p, err := Password(" pass word "); err != nil || p != " pass word " {
		t.Fatalf("a password is not trimmed: %q %v", p, err)
	}
	for _, raw := range []string{"pa\xffss", "pa\x00ss"} {
		if _, err := Password(raw); !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("Password(%q): %v", raw, err)
		}
	}
}
