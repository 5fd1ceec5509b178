package redisx

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	red "github.com/redis/go-redis/v9"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/core/stores/redis"

	"douyin/pkg/testenv"
)

// After a script ran, its arguments are blanked and its keys kept; other
// commands are left as they are, in a pipeline too.
func TestScriptArgumentsAreBlankedAfterTheScriptRan(t *testing.T) {
	ctx := context.Background()
	ran := red.NewCmd(ctx, "evalsha", "abc123", 2, "chat:last:1:2", "other", "1700000000000", "hello, private words")
	get := red.NewStringCmd(ctx, "get", "k")
	var seen []any
	hook := scriptArgsHook{}
	err := hook.ProcessHook(func(ctx context.Context, cmd red.Cmder) error {
		seen = append([]any{}, cmd.Args()...) // what Redis was sent
		return nil
	})(ctx, ran)
	if err != nil {
		t.Fatal(err)
	}
	if seen[len(seen)-1] != "hello, private words" {
		t.Fatalf("the script must run with its arguments: %v", seen)
	}
	want := []any{"evalsha", "abc123", 2, "chat:last:1:2", "other", "?", "?"}
	if got := ran.Args(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the script: %v, want %v", got, want)
	}
	piped := red.NewCmd(ctx, "eval", "return 1", "0", "secret")
	err = hook.ProcessPipelineHook(func(ctx context.Context, cmds []red.Cmder) error { return nil })(ctx,
		[]red.Cmder{get, piped})
	if err != nil {
		t.Fatal(err)
	}
	if got := piped.Args(); !reflect.DeepEqual(got, []any{"eval", "return 1", "0", "?"}) {
		t.Fatalf("a piped script: %v", got)
	}
	if got := get.Args(); !reflect.DeepEqual(got, []any{"get", "k"}) {
		t.Fatalf("a plain command changed: %v", got)
	}
}

// Through a real client, go-zero's slow-command log (every command is slow at
// a zero threshold) shows a script's keys but not its arguments.
func TestTheSlowLogOfAScriptCarriesNoArguments(t *testing.T) {
	var logs strings.Builder
	logx.SetWriter(logx.NewWriter(&logs))
	defer logx.SetWriter(logx.NewWriter(os.Stdout))
	redis.SetSlowThreshold(0)
	defer redis.SetSlowThreshold(100 * time.Millisecond)

	// go-zero shares one client per address, built with the hooks of its first
	// user: "localhost" names an address no other client of this test uses.
	conf := testenv.Get().RedisConf()
	conf.Host = "localhost" + conf.Host[strings.LastIndexByte(conf.Host, ':'):]
	rds := MustNewRedis(conf)
	script := redis.NewScript("return redis.call('SET', KEYS[1], ARGV[1])")
	if _, err := rds.ScriptRunCtx(context.Background(), script, []string{"redact:test:key"}, "private words"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "redact:test:key") {
		t.Fatalf("the slow log should show the script's key (is the threshold applied?):\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "private words") {
		t.Fatalf("the slow log shows a script argument:\n%s", logs.String())
	}
}
