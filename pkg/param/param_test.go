package param

import (
	"testing"

	"douyin/pkg/xerr"
)

func TestInt64AcceptsIntegersAndExactFloats(t *testing.T) {
	cases := map[string]int64{
		"1":                1,
		"0":                0,
		" 42 ":             42,
		"1234567":          1234567,
		"1.234567e+06":     1234567,
		"1e3":              1000,
		"7.0":              7,
		"-5":               -5,
		"9007199254740991": 9007199254740991,
	}
	for in, want := range cases {
		got, present, err := Int64(in)
		if err != nil || !present || got != want {
			t.Errorf("Int64(%q) = %d, %v, %v; want %d", in, got, present, err, want)
		}
	}
}

func TestInt64RefusesNonIntegers(t *testing.T) {
	for _, in := range []string{"abc", "1.5", "1e400", "9223372036854775808", "9.3e18", "NaN", "Inf", "0x10", "1,000"} {
		if _, present, err := Int64(in); err == nil || !present {
			t.Errorf("Int64(%q) accepted", in)
		}
	}
	if v, present, err := Int64(""); v != 0 || present || err != nil {
		t.Errorf("empty: %d %v %v", v, present, err)
	}
}

func TestID(t *testing.T) {
	if v, err := ID("1.2e+01", "video_id"); err != nil || v != 12 {
		t.Fatalf("ID float literal: %d %v", v, err)
	}
	for _, in := range []string{"", "0", "-3", "abc", "2.5"} {
		_, err := ID(in, "video_id")
		if !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("ID(%q): %v, want InvalidParam", in, err)
		}
	}
	if _, err := ID("", "video_id"); err == nil || err.(*xerr.CodeError).Msg != "video_id is required" {
		t.Errorf("missing id message: %v", err)
	}
}

func TestOptionalID(t *testing.T) {
	if v, err := OptionalID("", "user_id"); v != 0 || err != nil {
		t.Fatalf("absent: %d %v", v, err)
	}
	if _, err := OptionalID("-1", "user_id"); !xerr.Is(err, xerr.InvalidParam) {
		t.Fatalf("negative accepted: %v", err)
	}
}

func TestActionType(t *testing.T) {
	if v, err := ActionType("2", 1, 2); v != 2 || err != nil {
		t.Fatalf("2: %d %v", v, err)
	}
	if v, err := ActionType("1.0", 1, 2); v != 1 || err != nil {
		t.Fatalf("1.0: %d %v", v, err)
	}
	for _, in := range []string{"", "3", "0", "x", "1.5"} {
		if _, err := ActionType(in, 1, 2); !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("ActionType(%q) accepted", in)
		}
	}
}

func TestTextCountsCharactersNotBytes(t *testing.T) {
	if _, err := Text("你好世界", "comment_text", 4); err != nil {
		t.Fatalf("4 CJK characters refused at limit 4: %v", err)
	}
	if _, err := Text("你好世界!", "comment_text", 4); !xerr.Is(err, xerr.InvalidParam) {
		t.Fatal("5 characters accepted at limit 4")
	}
	if _, err := Text("  \n", "comment_text", 4); !xerr.Is(err, xerr.InvalidParam) {
		t.Fatal("blank text accepted")
	}
	if s, _ := Text(`<b>"x"</b>`, "comment_text", 100); s != `<b>"x"</b>` {
		t.Fatalf("text changed: %q", s)
	}
}
