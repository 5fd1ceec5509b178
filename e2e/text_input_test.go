package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"douyin/pkg/testenv"
	"douyin/pkg/xerr"
)

func TestTextInputIsRefusedClearlyAndUsernamesAreCanonical(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	name := fmt.Sprintf("alice%d", time.Now().UnixNano()%1e9)
	// Registered with surrounding spaces, the account is stored under its trimmed name.
	r := st.Post(t, "/douyin/user/register/", url.Values{"username": {" " + name + " "}, "password": {"pw123456"}})
	if r.Code() != 0 {
		t.Fatalf("register: %v", r)
	}
	if n := env.QueryInt(t, "select count(*) from user where username = ? and length(username) = ?", name, len(name)); n != 1 {
		t.Fatalf("%d accounts stored as %q", n, name)
	}
	if r := st.Post(t, "/douyin/user/login/", url.Values{"username": {name}, "password": {"pw123456"}}); r.Code() != 0 {
		t.Fatalf("login as %s: %v", name, r)
	}
	// "alice " is not "alice", whatever the collation would match.
	for _, other := range []string{name + " ", " " + name} {
		r := st.Post(t, "/douyin/user/login/", url.Values{"username": {other}, "password": {"pw123456"}})
		if r.Code() != xerr.WrongCredentials || r.Str("token") != "" {
			t.Errorf("login as %q: %v", other, r)
		}
	}
	before := env.QueryInt(t, "select count(*) from user")
	for what, username := range map[string]string{
		"a zero-width space": "ali\u200bce" + name,
		"a bidi override":    "\u202e" + name,
		"invalid UTF-8":      "al\xffice",
		"NUL":                "ali\x00ce",
	} {
		r := st.Post(t, "/douyin/user/register/", url.Values{"username": {username}, "password": {"pw123456"}})
		if r.Code() != xerr.InvalidParam || !strings.Contains(r.Str("status_msg"), "username") {
			t.Errorf("register with %s: %v", what, r)
		}
	}
	if r := st.Post(t, "/douyin/user/register/", url.Values{"username": {"x" + name}, "password": {"pw\xff"}}); r.Code() != xerr.InvalidParam {
		t.Errorf("an invalid UTF-8 password: %v", r)
	}
	if n := env.QueryInt(t, "select count(*) from user"); n != before {
		t.Fatalf("refused registrations left %d users", n-before)
	}

	uid, token := account(t, st, "texter")
	for what, text := range map[string]string{"invalid UTF-8": "caf\xe9", "NUL": "a\x00b"} {
		r := st.Post(t, "/douyin/comment/action/", url.Values{"token": {token}, "video_id": {"1"}, "action_type": {"1"}, "comment_text": {text}})
		if r.Code() != xerr.InvalidParam || !strings.Contains(r.Str("status_msg"), "comment_text") {
			t.Errorf("a comment with %s: %v", what, r)
		}
		r = st.Post(t, "/douyin/message/action/", url.Values{"token": {token}, "to_user_id": {fmt.Sprint(uid)}, "action_type": {"1"}, "content": {text}})
		if r.Code() != xerr.InvalidParam || !strings.Contains(r.Str("status_msg"), "content") {
			t.Errorf("a message with %s: %v", what, r)
		}
	}
}
