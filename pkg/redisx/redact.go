package redisx

import (
	"context"
	"strconv"

	red "github.com/redis/go-redis/v9"
)

// redactedArg replaces a script argument once the script has run.
const redactedArg = "?"

// scriptArgsHook blanks the arguments of a script once it has run: they carry
// data (the latest chat message of a conversation among them), and go-zero's
// slow-command log, an outer hook, prints every argument of a slow command. The
// log keeps the command, the script and its keys.
type scriptArgsHook struct{}

func (scriptArgsHook) DialHook(next red.DialHook) red.DialHook { return next }

func (scriptArgsHook) ProcessHook(next red.ProcessHook) red.ProcessHook {
	return func(ctx context.Context, cmd red.Cmder) error {
		err := next(ctx, cmd)
		redactScriptArgs(cmd)
		return err
	}
}

func (scriptArgsHook) ProcessPipelineHook(next red.ProcessPipelineHook) red.ProcessPipelineHook {
	return func(ctx context.Context, cmds []red.Cmder) error {
		err := next(ctx, cmds)
		for _, cmd := range cmds {
			redactScriptArgs(cmd)
		}
		return err
	}
}

// redactScriptArgs blanks what follows the keys of EVAL, EVALSHA (and their
// read-only forms) and FCALL: name, script or function, numkeys, keys, args.
func redactScriptArgs(cmd red.Cmder) {
	switch cmd.Name() { // lower case already
	case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
	default:
		return
	}
	args := cmd.Args()
	if len(args) < 3 {
		return
	}
	keys, err := strconv.Atoi(argString(args[2]))
	if err != nil {
		keys = 0
	}
	for i := 3 + max(keys, 0); i < len(args); i++ {
		args[i] = redactedArg
	}
}

func argString(arg any) string {
	switch v := arg.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	default:
		return ""
	}
}
