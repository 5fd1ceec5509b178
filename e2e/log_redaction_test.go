package e2e

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// Passwords, tokens and chat texts reach no log of any process, whether their
// keys are spelled plainly or URL-encoded, and whether the call succeeds or
// fails (a failed RPC logs its request unless the method is excluded).
func TestLogsCarryNoSecrets(t *testing.T) {
	st := testenv.Get().Stack(t)
	stamp := time.Now().UnixNano() % 1e9
	name, password := fmt.Sprintf("quiet%d", stamp), fmt.Sprintf("pw-secret-%d", stamp)
	raw := func(method, rawQuery string) testenv.Reply {
		req, _ := http.NewRequest(method, st.URL("/douyin/"+rawQuery), nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return testenv.DecodeReply(t, resp)
	}
	reg := raw(http.MethodPost, "user/register/?username="+name+"&pass%77ord="+password)
	if reg.Code() != 0 {
		t.Fatalf("register with an encoded key: %v", reg)
	}
	uid, token := reg.Int("user_id"), reg.Str("token")
	if r := raw(http.MethodPost, "user/login/?username="+name+"&pass%77ord="+password+"-wrong"); r.Code() == 0 {
		t.Fatalf("a wrong password logged in: %v", r)
	}
	friendID, friendToken := account(t, st, "friend")
	for _, pair := range [][2]string{{token, fmt.Sprint(friendID)}, {friendToken, fmt.Sprint(uid)}} {
		if r := raw(http.MethodPost, "relation/action/?%74oken="+pair[0]+"&to_user_id="+pair[1]+"&action_type=1"); r.Code() != 0 {
			t.Fatalf("follow: %v", r)
		}
	}
	texts := []string{fmt.Sprintf("chat-secret-one-%d", stamp), fmt.Sprintf("chat-secret-two-%d", stamp)}
	if r := raw(http.MethodPost, fmt.Sprintf("message/action/?%%74oken=%s&to_user_id=%d&action_type=1&con%%74ent=%s", token, friendID, texts[0])); r.Code() != 0 {
		t.Fatalf("message: %v", r)
	}
	// To nobody: the RPC fails, and its failure is logged.
	if r := raw(http.MethodPost, fmt.Sprintf("message/action/?token=%s&to_user_id=999999999&action_type=1&content=%s", token, texts[1])); r.Code() == 0 {
		t.Fatalf("a message to nobody: %v", r)
	}
	if r := raw(http.MethodGet, fmt.Sprintf("message/chat/?token=%s&to_user_id=%d", friendToken, uid)); len(r.List("message_list")) != 1 {
		t.Fatalf("chat: %v", r)
	}
	if r := raw(http.MethodGet, fmt.Sprintf("relation/friend/list/?token=%s&user_id=%d", token, uid)); r.Code() != 0 {
		t.Fatalf("friend list: %v", r)
	}

	logs, _ := filepath.Glob(filepath.Join(st.LogDir, "*.log"))
	if len(logs) == 0 {
		t.Fatal("no logs to read")
	}
	secrets := append([]string{password, token, friendToken}, texts...)
	for _, path := range logs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s carries %q", filepath.Base(path), s)
			}
		}
	}
}
