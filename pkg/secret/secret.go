// Package secret refuses the secrets a process must not run with: none at all,
// one that ships in the repository (anyone who read it could sign tokens or
// open asynqmon), or one too short to resist guessing.
package secret

import "fmt"

// MinBytes is the shortest secret accepted (HS256 wants at least its 32-byte
// hash size).
const MinBytes = 32

// shipped are the values this repository has carried as examples or defaults.
var shipped = map[string]bool{
	"change-me-douyin-zero-secret": true,
	"change-me-in-a-secret":        true,
	"admin":                        true,
	"password":                     true,
	"secret":                       true,
}

// Check answers nil when value can be the secret called name, otherwise why not
// and how to set it through variable (the secret itself is never in the error).
func Check(name, variable, value string) error {
	how := fmt.Sprintf("set %s to a random string of at least %d bytes (make up and make run write one to .data/secrets.env; "+
		"e.g. openssl rand -hex 32)", variable, MinBytes)
	switch {
	case value == "":
		return fmt.Errorf("%s is empty: %s", name, how)
	case shipped[value]:
		return fmt.Errorf("%s is a value that ships with douyin-zero, so anyone can know it: %s", name, how)
	case len(value) < MinBytes:
		return fmt.Errorf("%s is %d bytes, shorter than %d: %s", name, len(value), MinBytes, how)
	}
	return nil
}
