package main

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

func init() {
	register(Scenario{Name: "user_info", Setup: func(b *Bench) (Request, error) {
		viewer, err := b.NewUser("info")
		if err != nil {
			return nil, err
		}
		other, err := b.NewUser("info")
		if err != nil {
			return nil, err
		}
		return get(b.Gateway+"/douyin/user/", url.Values{
			"user_id": {fmt.Sprint(other.ID)}, "token": {viewer.Token}}), nil
	}})
	register(Scenario{Name: "login", Setup: func(b *Bench) (Request, error) {
		u, err := b.NewUser("login")
		if err != nil {
			return nil, err
		}
		return post(b.Gateway+"/douyin/user/login/", url.Values{
			"username": {u.Name}, "password": {benchPassword}}), nil
	}})
}

const benchPassword = "bench-password"

// User is an account made through the API.
type User struct {
	ID    int64
	Name  string
	Token string
}

// NewUser registers a fresh user through the gateway.
func (b *Bench) NewUser(prefix string) (User, error) {
	name := fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1e12)
	r, _ := post(b.Gateway+"/douyin/user/register/", url.Values{"username": {name}, "password": {benchPassword}})(0, 0)
	var out struct {
		UserID int64  `json:"user_id"`
		Token  string `json:"token"`
	}
	if err := b.Call(r, &out); err != nil {
		return User{}, err
	}
	return User{ID: out.UserID, Name: name, Token: out.Token}, nil
}

// get is a GET with the parameters in the query string, as the app sends it.
func get(u string, params url.Values) Request {
	return func(int, int) (*http.Request, error) {
		return http.NewRequest(http.MethodGet, withQuery(u, params), nil)
	}
}

// post is a POST with the parameters in the query string and no body, as the app sends it.
func post(u string, params url.Values) Request {
	return func(int, int) (*http.Request, error) {
		return http.NewRequest(http.MethodPost, withQuery(u, params), nil)
	}
}

func withQuery(u string, params url.Values) string {
	if len(params) == 0 {
		return u
	}
	return u + "?" + params.Encode()
}
