package config

import "douyin/pkg/secret"

// Validate refuses to start with a token secret that anyone could know; go-zero's
// conf.Load calls it after loading the etc file.
func (c Config) Validate() error {
	return secret.Check("Auth.AccessSecret", "ACCESS_SECRET", c.Auth.AccessSecret)
}
