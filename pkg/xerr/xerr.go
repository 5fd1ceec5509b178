// Package xerr is the one error-code table of douyin-zero. RPC services return
// *CodeError (it travels as a gRPC status whose code is the table code); the
// gateway turns any error back into status_code/status_msg with Resolve.
package xerr

import (
	"context"
	"errors"
	"fmt"

	"github.com/zeromicro/go-zero/core/breaker"
	"github.com/zeromicro/go-zero/core/load"
	"github.com/zeromicro/go-zero/core/logx"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Codes start at 10000 so they never collide with gRPC's own (0-16): anything
// below is an infrastructure failure, not an answer meant for the user.
const (
	OK               = 0
	Internal         = 10000
	InvalidParam     = 10001
	Unauthorized     = 10002
	RouteNotFound    = 10003
	RequestTooLarge  = 10004
	ServiceBusy      = 10005
	RateLimited      = 10006
	UsernameTaken    = 20001
	WrongCredentials = 20002
	UserNotFound     = 20003
	VideoNotFound    = 30001
	NotAVideo        = 30002
	CommentNotFound  = 40001
	NotCommentAuthor = 40002
	FollowSelf       = 40003
	MessageSelf      = 40004
	NotAvailableYet  = 90001
)

var messages = map[uint32]string{
	Internal:         "Something went wrong on the server, please try again",
	InvalidParam:     "Invalid parameter",
	Unauthorized:     "Please log in first (the token is missing, invalid or expired)",
	RouteNotFound:    "No such endpoint",
	RequestTooLarge:  "The request is too large",
	ServiceBusy:      "The server is busy, please try again in a moment",
	RateLimited:      "Too many requests, please try again later",
	UsernameTaken:    "This username is already taken",
	WrongCredentials: "Wrong username or password",
	UserNotFound:     "User not found",
	VideoNotFound:    "Video not found",
	NotAVideo:        "The file is not a playable video",
	CommentNotFound:  "Comment not found",
	NotCommentAuthor: "Only the author of a comment can delete it",
	FollowSelf:       "You cannot follow yourself",
	MessageSelf:      "You cannot send a message to yourself",
	NotAvailableYet:  "Not available yet",
}

// CodeError is an error meant for the user: its message is shown as status_msg.
type CodeError struct {
	Code uint32
	Msg  string
}

func (e *CodeError) Error() string { return fmt.Sprintf("code %d: %s", e.Code, e.Msg) }

// GRPCStatus lets zrpc send the error as it is, code and message intact.
func (e *CodeError) GRPCStatus() *status.Status {
	return status.New(codes.Code(e.Code), e.Msg)
}

// New returns the error of code with the table's message.
func New(code uint32) *CodeError {
	return &CodeError{Code: code, Msg: Message(code)}
}

// Newf returns the error of code with a message of its own.
func Newf(code uint32, format string, args ...any) *CodeError {
	return &CodeError{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Message is the table's message for code.
func Message(code uint32) string {
	if msg, ok := messages[code]; ok {
		return msg
	}
	return messages[Internal]
}

// Is reports whether err carries code, locally or across an RPC.
func Is(err error, code uint32) bool {
	if ce, ok := asCodeError(err); ok {
		return ce.Code == code
	}
	return false
}

// Resolve turns any error into what the user sees. Errors outside the table
// (SQL, network, panics) are logged in full and shown as a generic message.
func Resolve(ctx context.Context, err error) (code uint32, msg string) {
	if ce, ok := asCodeError(err); ok {
		return ce.Code, ce.Msg
	}
	// An open breaker (the RPC client's own, or one a service met and passed on
	// as Unavailable) and shedding refuse before any work is done: busy, retry.
	if errors.Is(err, breaker.ErrServiceUnavailable) || errors.Is(err, load.ErrServiceOverloaded) {
		logx.WithContext(ctx).Errorf("service busy: %v", err)
		return ServiceBusy, Message(ServiceBusy)
	}
	if st, ok := status.FromError(err); ok {
		switch st.Code() {
		case codes.DeadlineExceeded, codes.Unavailable, codes.ResourceExhausted, codes.Canceled:
			logx.WithContext(ctx).Errorf("service busy: %v", err)
			return ServiceBusy, Message(ServiceBusy)
		}
	}
	logx.WithContext(ctx).Errorf("internal error: %+v", err)
	return Internal, Message(Internal)
}

func asCodeError(err error) (*CodeError, bool) {
	var ce *CodeError
	if errors.As(err, &ce) {
		return ce, true
	}
	if st, ok := status.FromError(err); ok && uint32(st.Code()) >= Internal {
		return &CodeError{Code: uint32(st.Code()), Msg: st.Message()}, true
	}
	return nil, false
}
