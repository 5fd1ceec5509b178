package rediscoll

import (
	"slices"
	"testing"
)

func TestParseIDList(t *testing.T) {
	for text, want := range map[string][]int64{
		"[]":                       {},
		"[7]":                      {7},
		"[3,2,1]":                  {3, 2, 1},
		"[ 3, 2 ]":                 {3, 2}, // not the plain form: encoding/json reads it
		"[9223372036854775807,-1]": {9223372036854775807, -1},
	} {
		got, err := parseIDList(text)
		if err != nil || !slices.Equal(got, want) || got == nil {
			t.Fatalf("%q: %v %v, want %v", text, got, err, want)
		}
	}
	for _, bad := range []string{"[1,x]", "1,2", "[1,,2]", ""} {
		if _, err := parseIDList(bad); err == nil {
			t.Fatalf("%q was accepted", bad)
		}
	}
}
