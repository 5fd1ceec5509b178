// Package param parses the contract's scalar parameters. Every integer may come as
// a decimal or as a float literal that is an exact integer (1.234567e+06), since
// some clients format ids through float64; anything else is a clear refusal.
package param

import (
	"math"
	"strconv"
	"strings"

	"douyin/pkg/xerr"
)

// Int64 parses s leniently; empty means absent (0, false).
func Int64(s string) (v int64, present bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, true, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	// 2^63 itself is representable as a float but not as an int64.
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || f >= math.MaxInt64 || f < math.MinInt64 {
		return 0, true, errNotInteger
	}
	return int64(f), true, nil
}

var errNotInteger = xerr.New(xerr.InvalidParam)

// ID parses a required positive id called name.
func ID(s, name string) (int64, error) {
	v, present, err := Int64(s)
	switch {
	case !present:
		return 0, xerr.Newf(xerr.InvalidParam, "%s is required", name)
	case err != nil || v <= 0:
		return 0, xerr.Newf(xerr.InvalidParam, "%s must be a positive integer", name)
	}
	return v, nil
}

// OptionalID parses an optional id: absent or 0 gives 0, negatives are refused.
func OptionalID(s, name string) (int64, error) {
	v, _, err := Int64(s)
	if err != nil || v < 0 {
		return 0, xerr.Newf(xerr.InvalidParam, "%s must be a non-negative integer", name)
	}
	return v, nil
}

// Time parses an optional time parameter; any integer is accepted (the unit
// rule in timeunit decides what it means).
func Time(s, name string) (int64, error) {
	v, _, err := Int64(s)
	if err != nil {
		return 0, xerr.Newf(xerr.InvalidParam, "%s must be an integer timestamp", name)
	}
	return v, nil
}

// ActionType parses a required action_type among allowed values.
func ActionType(s string, allowed ...int32) (int32, error) {
	v, present, err := Int64(s)
	if !present {
		return 0, xerr.Newf(xerr.InvalidParam, "action_type is required")
	}
	if err == nil {
		for _, a := range allowed {
			if v == int64(a) {
				return a, nil
			}
		}
	}
	return 0, xerr.Newf(xerr.InvalidParam, "unknown action_type %q", s)
}

// UserOrViewer is the user_id parameter of a list or a profile, or the viewer
// when it is absent; one of the two is required.
func UserOrViewer(raw string, viewer int64) (int64, error) {
	userID, err := OptionalID(raw, "user_id")
	if err != nil {
		return 0, err
	}
	if userID == 0 {
		userID = viewer
	}
	if userID == 0 {
		return 0, xerr.Newf(xerr.InvalidParam, "user_id is required when not logged in")
	}
	return userID, nil
}
