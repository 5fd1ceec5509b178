package user

import (
	"douyin/api/internal/config"
	"douyin/api/internal/types"
	"douyin/pkg/param"
	"douyin/pkg/token"
)

// credentials checks the username (with the rule of register or of login) and
// the password of an account request.
func credentials(req *types.AccountReq, usernameRule func(string) (string, error)) (username, password string, err error) {
	if username, err = usernameRule(req.Username); err != nil {
		return "", "", err
	}
	if password, err = param.Password(req.Password); err != nil {
		return "", "", err
	}
	return username, password, nil
}

// signedIn answers a register or a login: the user and a fresh token.
func signedIn(c config.Config, userID int64) (*types.AccountResp, error) {
	tok, err := token.Issue(c.Auth.AccessSecret, c.Auth.AccessExpire, userID)
	if err != nil {
		return nil, err
	}
	return &types.AccountResp{UserId: userID, Token: tok}, nil
}
