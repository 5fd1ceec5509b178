package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// account registers a fresh user through the gateway, as the app does.
func account(t *testing.T, st *testenv.Stack, prefix string) (id int64, token string) {
	t.Helper()
	name := fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1e9)
	r := st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"pw123456"}})
	if r.Code() != 0 || r.Int("user_id") <= 0 || r.Str("token") == "" {
		t.Fatalf("register %s: %v", name, r)
	}
	return r.Int("user_id"), r.Str("token")
}

var userKeys = []string{"id", "name", "follow_count", "follower_count", "is_follow", "avatar",
	"background_image", "signature", "total_favorited", "work_count", "favorite_count"}

// wantUserKeys checks that u carries every field of the contract's User.
func wantUserKeys(t *testing.T, u testenv.Reply) {
	t.Helper()
	for _, k := range userKeys {
		if _, ok := u[k]; !ok {
			t.Errorf("user has no %q: %v", k, u)
		}
	}
}

func TestRegisterLoginProfile(t *testing.T) {
	st := testenv.Get().Stack(t)
	name := fmt.Sprintf("Ünïcødé%d", time.Now().UnixNano()%1e6)
	reg := st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"密码pw"}})
	if reg.Code() != 0 || reg.Int("user_id") <= 0 || reg.Str("token") == "" {
		t.Fatalf("register: %v", reg)
	}
	id := reg.Int("user_id")

	// Login with the parameters in the query string of a POST.
	login := st.Post(t, "/douyin/user/login", url.Values{"username": {name}, "password": {"密码pw"}})
	if login.Code() != 0 || login.Int("user_id") != id || login.Str("token") == "" {
		t.Fatalf("login: %v", login)
	}

	// The profile of the token's owner carries every contract field.
	me := st.Get(t, "/douyin/user/", url.Values{"token": {login.Str("token")}})
	if me.Code() != 0 {
		t.Fatalf("user info: %v", me)
	}
	u := me.Obj("user")
	wantUserKeys(t, u)
	if u.Int("id") != id || u.Str("name") != name || u["is_follow"] != false {
		t.Fatalf("profile: %v", u)
	}
	for _, k := range []string{"follow_count", "follower_count", "total_favorited", "work_count", "favorite_count"} {
		if u.Int(k) != 0 {
			t.Errorf("%s = %d for a new user", k, u.Int(k))
		}
	}
	for _, k := range []string{"avatar", "background_image"} {
		if !strings.HasPrefix(u.Str(k), st.BaseURL+"/media/") {
			t.Fatalf("%s = %q, want an absolute URL", k, u.Str(k))
		}
		resp, err := http.Get(u.Str(k))
		if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("%s does not serve an image: %v %v", k, err, resp)
		}
		resp.Body.Close()
	}

	// Another user's profile by user_id, anonymous and with a token.
	_, otherToken := account(t, st, "other")
	anon := st.Get(t, "/douyin/user/", url.Values{"user_id": {fmt.Sprint(id)}})
	if anon.Code() != 0 || anon.Obj("user").Int("id") != id {
		t.Fatalf("anonymous profile: %v", anon)
	}
	byOther := st.Get(t, "/douyin/user/", url.Values{"user_id": {fmt.Sprintf("%.6e", float64(id))}, "token": {otherToken}})
	if byOther.Code() != 0 || byOther.Obj("user").Int("id") != id {
		t.Fatalf("profile with a float id: %v", byOther)
	}
}

func TestAccountRefusals(t *testing.T) {
	st := testenv.Get().Stack(t)
	_, _ = account(t, st, "taken")
	name := fmt.Sprintf("dup%d", time.Now().UnixNano()%1e9)
	if r := st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"pw"}}); r.Code() != 0 {
		t.Fatalf("register: %v", r)
	}
	cases := map[string]url.Values{
		"33-character name": {"username": {strings.Repeat("n", 33)}, "password": {"pw"}},
		"empty password":    {"username": {"someone"}, "password": {""}},
		"no parameters":     {},
		"duplicate name":    {"username": {name}, "password": {"pw"}},
	}
	for what, params := range cases {
		r := st.Post(t, "/douyin/user/register/", params)
		if r.Code() == 0 {
			t.Errorf("register with %s succeeded: %v", what, r)
		}
		// A failed register still carries user_id 0 and token "".
		if v, ok := r["user_id"]; !ok || fmt.Sprint(v) != "0" || r["token"] != "" {
			t.Errorf("register with %s: %v", what, r)
		}
	}
	if r := st.Post(t, "/douyin/user/login/", url.Values{"username": {name}, "password": {"wrong"}}); r.Code() == 0 || r.Str("status_msg") == "" {
		t.Fatalf("wrong password: %v", r)
	}
	forged := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJl"
	for what, params := range map[string]url.Values{
		"forged token":       {"token": {forged}},
		"no token, no id":    {},
		"unknown user":       {"user_id": {"987654321"}},
		"negative user_id":   {"user_id": {"-1"}},
		"non-numeric userid": {"user_id": {"abc"}},
	} {
		if r := st.Get(t, "/douyin/user/", params); r.Code() == 0 {
			t.Errorf("user info with %s succeeded: %v", what, r)
		}
	}
	// An action with a forged token is refused with HTTP 200 and a message.
	if r := st.Post(t, "/douyin/relation/action/", url.Values{"token": {forged}, "to_user_id": {"1"}, "action_type": {"1"}}); r.Code() == 0 {
		t.Fatalf("action with a forged token: %v", r)
	}
	// Unknown routes answer the envelope too.
	if r := st.Get(t, "/douyin/nothing/", nil); r.Code() == 0 {
		t.Fatalf("unknown route: %v", r)
	}
}

func TestCredentialsNeverReachTheLogs(t *testing.T) {
	st := testenv.Get().Stack(t)
	secret := fmt.Sprintf("LeakCheck%d", time.Now().UnixNano()%1e9)
	name := "leak" + secret[9:]
	st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {secret}})
	st.Post(t, "/douyin/user/login/", url.Values{"username": {name}, "password": {secret + "x"}}) // a failed login is logged as an RPC error
	r := st.Post(t, "/douyin/user/login/", url.Values{"username": {name}, "password": {secret}})
	token := r.Str("token")
	st.Get(t, "/douyin/user/", url.Values{"token": {token}})
	for _, name := range []string{"douyin-api", "user-rpc"} {
		log := st.Log(name)
		if strings.Contains(log, secret) || strings.Contains(log, token) {
			t.Fatalf("%s log holds a password or token", name)
		}
	}
}
