package config

import (
	"errors"

	"douyin/pkg/secret"
)

// Validate refuses to serve asynqmon (it can delete and retry tasks) behind
// credentials that anyone could know; go-zero's conf.Load calls it after loading
// the etc file.
func (c Config) Validate() error {
	if c.Admin.Username == "" {
		return errors.New("Admin.Username is empty: set ASYNQMON_USER (make up and make run write one to .data/secrets.env)")
	}
	return secret.Check("Admin.Password", "ASYNQMON_PASSWORD", c.Admin.Password)
}
