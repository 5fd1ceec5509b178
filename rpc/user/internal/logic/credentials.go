package logic

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"douyin/pkg/xerr"
)

const (
	maxCredentialChars = 32
	duplicateEntry     = 1062 // MySQL ER_DUP_ENTRY
)

// checkCredentials applies the contract's rules: 1 to 32 characters (not bytes)
// each; a username has no control characters and is not only blanks.
func checkCredentials(username, password string) error {
	switch {
	case !utf8.ValidString(username) || !utf8.ValidString(password):
		return xerr.Newf(xerr.InvalidParam, "username and password must be valid UTF-8 text")
	case strings.TrimSpace(username) == "":
		return xerr.Newf(xerr.InvalidParam, "username must not be empty")
	case utf8.RuneCountInString(username) > maxCredentialChars:
		return xerr.Newf(xerr.InvalidParam, "username is too long (at most %d characters)", maxCredentialChars)
	case strings.IndexFunc(username, unicode.IsControl) >= 0:
		return xerr.Newf(xerr.InvalidParam, "username must not contain control characters")
	case password == "":
		return xerr.Newf(xerr.InvalidParam, "password must not be empty")
	case utf8.RuneCountInString(password) > maxCredentialChars:
		return xerr.Newf(xerr.InvalidParam, "password is too long (at most %d characters)", maxCredentialChars)
	}
	return nil
}

// passwordDigest is what bcrypt hashes: bcrypt reads at most 72 bytes, and 32
// characters can take 128, so the password is first reduced with SHA-256.
func passwordDigest(password string) []byte {
	sum := sha256.Sum256([]byte(password))
	return []byte(base64.StdEncoding.EncodeToString(sum[:]))
}

var (
	dummyOnce sync.Once
	dummy     []byte
)

// dummyHash is a hash to compare against when the username is unknown.
func dummyHash(cost int) []byte {
	dummyOnce.Do(func() {
		dummy, _ = bcrypt.GenerateFromPassword(passwordDigest("douyin-zero-dummy"), cost)
	})
	return dummy
}
