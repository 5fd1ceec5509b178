package param

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
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

func TestForm(t *testing.T) {
	type req struct {
		VideoId     string `form:"video_id,optional"`
		CommentText string `form:"comment_text,optional"`
		Untagged    string
	}
	// Query string of a POST, as the app sends it.
	r := httptest.NewRequest(http.MethodPost, "/x?video_id=12&comment_text=%E4%BD%A0%E5%A5%BD", nil)
	var got req
	if err := Form(r, &got); err != nil || got != (req{VideoId: "12", CommentText: "你好"}) {
		t.Fatalf("query: %+v %v", got, err)
	}
	// An urlencoded body; absent keys stay empty.
	r = httptest.NewRequest(http.MethodPost, "/x", strings.NewReader("comment_text=a+b"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	got = req{Untagged: "kept"}
	if err := Form(r, &got); err != nil || got != (req{CommentText: "a b", Untagged: "kept"}) {
		t.Fatalf("urlencoded body: %+v %v", got, err)
	}
	// A multipart body.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("video_id", "7")
	_ = mw.Close()
	r = httptest.NewRequest(http.MethodPost, "/x", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	got = req{}
	if err := Form(r, &got); err != nil || got.VideoId != "7" {
		t.Fatalf("multipart body: %+v %v", got, err)
	}
	// A malformed query is refused, as httpx.Parse refuses it.
	r = httptest.NewRequest(http.MethodGet, "/x", nil)
	r.URL.RawQuery = "video_id=%zz"
	if err := Form(r, &req{}); err == nil {
		t.Fatal("a malformed query was accepted")
	}
	type bad struct {
		N int `form:"n"`
	}
	if err := Form(httptest.NewRequest(http.MethodGet, "/x?n=1", nil), &bad{}); err == nil {
		t.Fatal("a non-string field was accepted")
	}
}

func TestUserOrViewer(t *testing.T) {
	cases := []struct {
		raw    string
		viewer int64
		want   int64
	}{{"7", 3, 7}, {"", 3, 3}, {"0", 3, 3}, {"7", 0, 7}}
	for _, c := range cases {
		if got, err := UserOrViewer(c.raw, c.viewer); err != nil || got != c.want {
			t.Errorf("UserOrViewer(%q, %d) = %d, %v; want %d", c.raw, c.viewer, got, err, c.want)
		}
	}
	for _, raw := range []string{"", "0", "-1", "x"} {
		if _, err := UserOrViewer(raw, 0); !xerr.Is(err, xerr.InvalidParam) {
			t.Errorf("UserOrViewer(%q) anonymously: %v", raw, err)
		}
	}
}

// chunked hides a body's length, as a client sending it chunked does.
func chunked(r *http.Request) *http.Request {
	r.Body = io.NopCloser(io.MultiReader(r.Body))
	r.ContentLength = -1
	return r
}

func TestParseBodyHoldsTheLimitForChunkedBodies(t *testing.T) {
	type req struct {
		Username string `form:"username,optional"`
	}
	big := strings.Repeat("a", 5<<20)
	urlencoded := func(body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/douyin/user/register/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return chunked(r)
	}
	multipartBody := func(value string) *http.Request {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("username", value)
		_ = mw.Close()
		r := httptest.NewRequest(http.MethodPost, "/douyin/user/register/", &body)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		return chunked(r)
	}
	for name, r := range map[string]*http.Request{
		"a 5 MB urlencoded body":        urlencoded("username=" + big),
		"a 5 MB multipart field":        multipartBody(big),
		"one byte over, urlencoded":     urlencoded("username=" + strings.Repeat("a", MaxFormBytes-len("username=")) + "a"),
		"a multipart file over the cap": multipartBody(strings.Repeat("b", MaxFormBytes)),
	} {
		var got req
		err := Form(r, &got)
		if !xerr.Is(err, xerr.RequestTooLarge) || !strings.Contains(err.(*xerr.CodeError).Msg, "64 KiB") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// At the limit is fine, and a body already read is not read again.
	r := urlencoded("username=" + strings.Repeat("a", MaxFormBytes-len("username=")))
	var got req
	if err := Form(r, &got); err != nil || len(got.Username) != MaxFormBytes-len("username=") {
		t.Fatalf("a body at the limit: %d bytes, %v", len(got.Username), err)
	}
	if err := ParseBody(r); err != nil {
		t.Fatalf("parsed twice: %v", err)
	}
}

func TestTextCountsWithoutCopying(t *testing.T) {
	long := strings.Repeat("你", 500)
	if allocs := testing.AllocsPerRun(100, func() { _, _ = Text(long, "comment_text", 500) }); allocs != 0 {
		t.Fatalf("Text allocates %.0f times", allocs)
	}
	if _, err := Text(long+"!", "comment_text", 500); !xerr.Is(err, xerr.InvalidParam) {
		t.Fatalf("501 characters: %v", err)
	}
}
