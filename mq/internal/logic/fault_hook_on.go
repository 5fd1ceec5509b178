//go:build faulthook

package logic

import (
	"os"
	"syscall"
)

// freezeMarkerVariable names a file: the first flush to commit while it does
// not exist creates it and stops this process (SIGSTOP), right after its MySQL
// commit and before its Redis clean-up, so that a test reads every count while
// a committed snapshot waits, then kills the worker. A restarted worker finds
// the file and runs on. Only the fault tests' builds (-tags faulthook) have it.
const freezeMarkerVariable = "DOUYIN_FREEZE_AFTER_COMMIT"

func afterCommit() {
	marker := os.Getenv(freezeMarkerVariable)
	if marker == "" {
		return
	}
	f, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return // frozen once already
	}
	_ = f.Close()
	_ = syscall.Kill(os.Getpid(), syscall.SIGSTOP)
}
