package param

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"douyin/pkg/xerr"
)

// MaxCredentialChars is the length limit of usernames and passwords (the
// username column is varchar(32)).
const MaxCredentialChars = 32

// Text checks a required text of at most maxChars characters (not bytes),
// counted without copying it. Invalid UTF-8 and NUL are refused: the services
// could not store or even receive them.
func Text(s, name string, maxChars int) (string, error) {
	if err := plainText(s, name); err != nil {
		return "", err
	}
	switch {
	case strings.TrimSpace(s) == "":
		return "", xerr.Newf(xerr.InvalidParam, "%s must not be empty", name)
	case len(s) > maxChars*utf8.UTFMax || utf8.RuneCountInString(s) > maxChars:
		return "", xerr.Newf(xerr.InvalidParam, "%s is too long (at most %d characters)", name, maxChars)
	}
	return s, nil
}

// plainText refuses what no text parameter may hold.
func plainText(s, name string) error {
	switch {
	case !utf8.ValidString(s):
		return xerr.Newf(xerr.InvalidParam, "%s must be valid UTF-8 text", name)
	case strings.IndexByte(s, 0) >= 0:
		return xerr.Newf(xerr.InvalidParam, "%s must not contain NUL characters", name)
	}
	return nil
}

// Username is the one rule of usernames, for register and login alike: valid
// UTF-8, trimmed, NFC-normalised (the same name typed on two keyboards is one
// name), 1 to MaxCredentialChars characters, printable characters only: no
// control, zero-width or bidi characters, which would let two names look alike.
// It answers the canonical name, the only form an account is stored under.
func Username(raw string) (string, error) {
	if err := plainText(raw, "username"); err != nil {
		return "", err
	}
	name := norm.NFC.String(strings.TrimSpace(raw))
	switch {
	case name == "":
		return "", xerr.Newf(xerr.InvalidParam, "username must not be empty")
	case len(name) > MaxCredentialChars*utf8.UTFMax || utf8.RuneCountInString(name) > MaxCredentialChars:
		return "", xerr.Newf(xerr.InvalidParam, "username is too long (at most %d characters)", MaxCredentialChars)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", xerr.Newf(xerr.InvalidParam, "username must not contain control characters")
	case strings.IndexFunc(name, isFormat) >= 0:
		return "", xerr.Newf(xerr.InvalidParam, "username must not contain invisible characters (zero-width or text-direction marks)")
	case strings.IndexFunc(name, notPrintable) >= 0:
		return "", xerr.Newf(xerr.InvalidParam, "username must contain printable characters only (letters, digits, marks, punctuation, symbols, single spaces)")
	}
	return name, nil
}

// LoginUsername is Username for a login: every account is stored under its
// canonical name, so a name that differs from it other than by normalisation
// ("alice " for "alice") names no account, whatever the database collation
// would match.
func LoginUsername(raw string) (string, error) {
	name, err := Username(raw)
	if err != nil {
		return "", err
	}
	if name != norm.NFC.String(raw) {
		return "", xerr.New(xerr.WrongCredentials)
	}
	return name, nil
}

// Password checks what a password may be: its characters are its own (it is
// not trimmed), but it is text the services can carry.
func Password(raw string) (string, error) {
	if err := plainText(raw, "password"); err != nil {
		return "", err
	}
	return raw, nil
}

// isFormat is Unicode's Cf: zero-width spaces and joiners, bidi controls, BOM.
func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

func notPrintable(r rune) bool { return !unicode.IsPrint(r) }
