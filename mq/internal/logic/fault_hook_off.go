//go:build !faulthook

package logic

// afterCommit runs between a flush's MySQL commit and its Redis clean-up. It
// does nothing; the fault tests build the worker with -tags faulthook to stop
// it there (fault_hook_on.go).
func afterCommit() {}
