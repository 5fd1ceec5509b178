package xerr

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/core/breaker"
	"github.com/zeromicro/go-zero/core/load"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestCodeErrorSurvivesGRPC(t *testing.T) {
	sent := Newf(VideoNotFound, "video %d not found", 3)
	// What a zrpc client receives: the status built from GRPCStatus.
	received := status.Convert(sent).Err()
	code, msg := Resolve(context.Background(), received)
	if code != VideoNotFound || msg != "video 3 not found" {
		t.Fatalf("got %d %q", code, msg)
	}
	if !Is(received, VideoNotFound) || Is(received, UserNotFound) {
		t.Fatal("Is does not see the code across gRPC")
	}
}

func TestInternalErrorsAreHidden(t *testing.T) {
	for _, err := range []error{
		errors.New("Error 1146: Table 'douyin.video' doesn't exist"),
		status.Error(codes.Internal, "dial tcp 10.0.0.3:3306: connection refused"),
		fmt.Errorf("wrapped: %w", errors.New("secret stack")),
	} {
		code, msg := Resolve(context.Background(), err)
		if code != Internal || msg != Message(Internal) {
			t.Errorf("%v: got %d %q", err, code, msg)
		}
	}
}

func TestUnavailableIsBusy(t *testing.T) {
	code, _ := Resolve(context.Background(), status.Error(codes.DeadlineExceeded, "deadline"))
	if code != ServiceBusy {
		t.Fatalf("got %d", code)
	}
}

func TestWrappedCodeError(t *testing.T) {
	code, msg := Resolve(context.Background(), fmt.Errorf("ctx: %w", New(UsernameTaken)))
	if code != UsernameTaken || msg != Message(UsernameTaken) {
		t.Fatalf("got %d %q", code, msg)
	}
}

func TestEveryCodeHasAMessage(t *testing.T) {
	for code, msg := range messages {
		if msg == "" || code < Internal {
			t.Errorf("code %d: %q", code, msg)
		}
	}
}

// A breaker that is open, in the RPC client or passed on by a service, and
// shedding answer busy, never the generic internal error.
func TestBreakersAndSheddingAreBusy(t *testing.T) {
	for _, err := range []error{
		breaker.ErrServiceUnavailable,
		fmt.Errorf("call: %w", breaker.ErrServiceUnavailable),
		status.Error(codes.Unavailable, breaker.ErrServiceUnavailable.Error()),
		load.ErrServiceOverloaded,
	} {
		if code, msg := Resolve(context.Background(), err); code != ServiceBusy || !strings.Contains(msg, "try again") {
			t.Errorf("%v: got %d %q", err, code, msg)
		}
	}
}
