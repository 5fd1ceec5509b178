package e2e

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"

	"douyin/pkg/testenv"
	"douyin/pkg/xerr"
)

// The e2e stack's login limits: small and short, so that a test trips them
// and sees them recover in seconds (the production defaults are in
// pkg/envconf/defaults.env). TestMain passes them to the stack.
var securityStackEnv = map[string]string{
	"LIMIT_LOGIN_FAILURES_PER_USER": "3",
	"LIMIT_LOGIN_FAILURES_PER_IP":   "6",
	"LIMIT_LOGIN_SECONDS":           "3",
	"LIMIT_COMMENTS_PER_MINUTE":     "60", // the production budget
}

const loginFailuresPerUser, loginFailuresPerIP, commentsPerMinute = 3, 6, 60

// clientAt is an HTTP client whose connections come from ip (any 127.0.0.0/8
// address reaches the gateway on 127.0.0.1): the gateway sees a client of its
// own, as a phone on the LAN would be, with no header to trust.
func clientAt(ip string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: dialer.DialContext}}
}

func login(t *testing.T, st *testenv.Stack, c *http.Client, name, password string) testenv.Reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, st.URL("/douyin/user/login/")+"?"+
		url.Values{"username": {name}, "password": {password}}.Encode(), nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return testenv.DecodeReply(t, resp)
}

// limited checks a rate-limit refusal: its own code, when to retry, no token.
func limited(t *testing.T, r testenv.Reply, what string) {
	t.Helper()
	if r.Code() != xerr.RateLimited || !strings.Contains(r.Str("status_msg"), "try again in") || r.Str("token") != "" {
		t.Fatalf("%s: %v, want status_code %d saying when to retry", what, r, xerr.RateLimited)
	}
}

// Failed logins are limited per account and per client address; past the
// limit even the right password is refused (guessing learns nothing), and the
// account logs in again once the period is over.
func TestLoginLimitTripsAndRecovers(t *testing.T) {
	st := testenv.Get().Stack(t)
	stamp := time.Now().UnixNano() % 1e9
	victim := fmt.Sprintf("victim%d", stamp)
	if r := st.Post(t, "/douyin/user/register/", url.Values{"username": {victim}, "password": {"right-pw"}}); r.Code() != 0 {
		t.Fatalf("register: %v", r)
	}
	guesser, elsewhere := clientAt("127.0.0.21"), clientAt("127.0.0.22")
	for i := 0; i < loginFailuresPerUser; i++ {
		if r := login(t, st, guesser, victim, fmt.Sprintf("guess-%d", i)); r.Code() != xerr.WrongCredentials {
			t.Fatalf("guess %d: %v", i+1, r)
		}
	}
	limited(t, login(t, st, guesser, victim, "right-pw"), "the right password after the limit")
	limited(t, login(t, st, elsewhere, victim, "right-pw"), "the same account from another address")

	// Per address: failures spread over many accounts trip it too.
	spreader := clientAt("127.0.0.23")
	for i := 0; i < loginFailuresPerIP; i++ {
		if r := login(t, st, spreader, fmt.Sprintf("nobody%d-%d", stamp, i), "pw"); r.Code() != xerr.WrongCredentials {
			t.Fatalf("failure %d from one address: %v", i+1, r)
		}
	}
	other := fmt.Sprintf("bystander%d", stamp)
	if r := st.Post(t, "/douyin/user/register/", url.Values{"username": {other}, "password": {"pw-other"}}); r.Code() != 0 {
		t.Fatalf("register: %v", r)
	}
	limited(t, login(t, st, spreader, other, "pw-other"), "an untouched account from the limited address")
	if r := login(t, st, elsewhere, other, "pw-other"); r.Code() != 0 {
		t.Fatalf("the account from another address: %v", r)
	}

	// Both periods end (LIMIT_LOGIN_SECONDS): the limits recover.
	deadline := time.Now().Add(20 * time.Second)
	for r := login(t, st, guesser, victim, "right-pw"); r.Code() != 0; r = login(t, st, guesser, victim, "right-pw") {
		if r.Code() != xerr.RateLimited || time.Now().After(deadline) {
			t.Fatalf("the account never recovered: %v", r)
		}
		time.Sleep(300 * time.Millisecond)
	}
	for r := login(t, st, spreader, other, "pw-other"); r.Code() != 0; r = login(t, st, spreader, other, "pw-other") {
		if r.Code() != xerr.RateLimited || time.Now().After(deadline) {
			t.Fatalf("the address never recovered: %v", r)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// A user's comment budget runs out with its own refusal, and the refused
// comment is not stored.
func TestActionBudgetRefusesAndChangesNothing(t *testing.T) {
	st := testenv.Get().Stack(t)
	_, token := account(t, st, "chatty")
	videoID := aVideo(t, st, token)
	post := func(i int) testenv.Reply {
		return st.Post(t, "/douyin/comment/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(videoID)},
			"action_type": {"1"}, "comment_text": {fmt.Sprintf("comment %d", i)}})
	}
	for i := 0; i < commentsPerMinute; i++ {
		if r := post(i); r.Code() != 0 {
			t.Fatalf("comment %d of %d: %v", i+1, commentsPerMinute, r)
		}
	}
	r := post(commentsPerMinute)
	if r.Code() != xerr.RateLimited || !strings.Contains(r.Str("status_msg"), "try again in") {
		t.Fatalf("comment %d: %v", commentsPerMinute+1, r)
	}
	if r.Obj("comment") == nil {
		t.Fatalf("a refused comment answer lacks its comment object: %v", r)
	}
	if n := commentCount(t, st, videoID); n != commentsPerMinute {
		t.Fatalf("comment_count %d after the refusal, want %d", n, commentsPerMinute)
	}
	// Deleting one's own comments is not budgeted.
	first := st.Get(t, "/douyin/comment/list/", url.Values{"video_id": {fmt.Sprint(videoID)}}).List("comment_list")[0]
	if r := st.Post(t, "/douyin/comment/action/", url.Values{"token": {token}, "video_id": {fmt.Sprint(videoID)},
		"action_type": {"2"}, "comment_id": {fmt.Sprint(first.Int("id"))}}); r.Code() != 0 {
		t.Fatalf("delete past the budget: %v", r)
	}
}

// Tokens that anyone could make are refused: signed with the secret that
// once shipped in the repository, with an empty secret, unsigned (alg none),
// or expired; the action they carry changes nothing.
func TestForgedAndShippedSecretTokensAreRefused(t *testing.T) {
	env := testenv.Get()
	st := env.Stack(t)
	victimID, _ := account(t, st, "impersonated")
	targetID, _ := account(t, st, "followed")
	now := time.Now().Unix()
	claims := func(exp int64) jwt.MapClaims {
		return jwt.MapClaims{"iat": now, "exp": exp, "userId": victimID}
	}
	sign := func(method jwt.SigningMethod, key any, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(method, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tokens := map[string]string{
		"the shipped default secret": sign(jwt.SigningMethodHS256, []byte("change-me-douyin-zero-secret"), claims(now+3600)),
		"an empty secret":            sign(jwt.SigningMethodHS256, []byte(""), claims(now+3600)),
		"alg none":                   sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(now+3600)),
		"HS512 with the real secret": sign(jwt.SigningMethodHS512, []byte(st.AccessSecret), claims(now+3600)),
		"expired, the real secret":   sign(jwt.SigningMethodHS256, []byte(st.AccessSecret), claims(now-60)),
	}
	for what, tok := range tokens {
		r := st.Post(t, "/douyin/relation/action/", url.Values{"token": {tok}, "to_user_id": {fmt.Sprint(targetID)}, "action_type": {"1"}})
		if r.Code() != xerr.Unauthorized {
			t.Errorf("a token with %s: %v", what, r)
		}
		req, _ := http.NewRequest(http.MethodGet, st.URL("/douyin/relation/friend/list/")+"?user_id="+fmt.Sprint(victimID), nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if r := testenv.DecodeReply(t, resp); r.Code() != xerr.Unauthorized {
			t.Errorf("a Bearer token with %s: %v", what, r)
		}
	}
	if n := env.QueryInt(t, "select count(*) from follow where user_id = ?", victimID); n != 0 {
		t.Fatalf("forged tokens made %d follows", n)
	}
	// The same claims signed with the stack's secret work: the refusals above
	// were about the signature.
	good := sign(jwt.SigningMethodHS256, []byte(st.AccessSecret), claims(now+3600))
	if r := st.Post(t, "/douyin/relation/action/", url.Values{"token": {good}, "to_user_id": {fmt.Sprint(targetID)}, "action_type": {"1"}}); r.Code() != 0 {
		t.Fatalf("a genuine token: %v", r)
	}
}

// A failed statement is logged without its arguments: a duplicate register
// would otherwise write the bcrypt hash of the password it was sent.
func TestSQLErrorsLogNoArguments(t *testing.T) {
	st := testenv.Get().Stack(t)
	name := fmt.Sprintf("twice%d", time.Now().UnixNano()%1e9)
	for i, want := range []int64{0, xerr.UsernameTaken} {
		if r := st.Post(t, "/douyin/user/register/", url.Values{"username": {name}, "password": {"pw-twice"}}); r.Code() != want {
			t.Fatalf("register %d: %v", i+1, r)
		}
	}
	for _, name := range []string{"user-rpc", "douyin-api"} {
		if log := st.Log(name); strings.Contains(log, "$2a$") {
			i := strings.Index(log, "$2a$")
			t.Errorf("%s logs a bcrypt hash: ...%s...", name, log[max(0, i-200):i])
		}
	}
}
