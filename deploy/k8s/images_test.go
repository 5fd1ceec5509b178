package k8s

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"douyin/pkg/testenv"
)

// stage is one FROM of the Dockerfile: its base and its instructions.
type stage struct {
	base  string
	lines []string // "INSTRUCTION arguments", continuation lines joined
}

func (s stage) has(instruction string) bool {
	for _, l := range s.lines {
		if l == instruction {
			return true
		}
	}
	return false
}

// user is the stage's last USER, following its bases.
func (s stage) user(stages map[string]stage) string {
	for i := len(s.lines) - 1; i >= 0; i-- {
		if u, ok := strings.CutPrefix(s.lines[i], "USER "); ok {
			return u
		}
	}
	if base, ok := stages[s.base]; ok {
		return base.user(stages)
	}
	return "root"
}

func dockerfile(t *testing.T) (args map[string]string, stages map[string]stage) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	args, stages = map[string]string{}, map[string]stage{}
	current := ""
	for _, line := range strings.Split(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if m := regexp.MustCompile(`^FROM (\S+) AS (\S+)$`).FindStringSubmatch(line); m != nil {
			current = m[2]
			stages[current] = stage{base: m[1]}
			continue
		}
		if current == "" {
			if k, v, ok := strings.Cut(strings.TrimPrefix(line, "ARG "), "="); ok {
				args[k] = v
			}
			continue
		}
		s := stages[current]
		s.lines = append(s.lines, line)
		stages[current] = s
	}
	return args, stages
}

// One Dockerfile builds every process's image: the binaries as CI builds them
// (build_release: no no_k8s), on the Go of go.mod; each image runs its binary
// as its ENTRYPOINT with its etc file as CMD, as a non-root user; the gateway
// and the worker have ffmpeg and ffprobe; deploy/k8s names every image.
func TestDockerfileBuildsEveryProcessImage(t *testing.T) {
	args, stages := dockerfile(t)
	goMod, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(goMod)
	if m := regexp.MustCompile(`(?m)^toolchain go(\S+)$`).FindSubmatch(goMod); m != nil {
		goVersion = m
	}
	if goVersion == nil || args["GO_VERSION"] != string(goVersion[1]) {
		t.Errorf("the Dockerfile builds with Go %q, go.mod names %q", args["GO_VERSION"], goVersion)
	}
	if !stages["build"].has("RUN bash -c 'source deploy/scripts/lib.sh && build_release /out'") ||
		strings.Contains(strings.Join(stages["build"].lines, "\n"), "no_k8s") {
		t.Error("the build stage does not build with build_release (make release, CI), or uses no_k8s")
	}
	makefile, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "Makefile"))
	if err != nil || !strings.Contains(string(makefile), "build_release") {
		t.Errorf("the Makefile runs no build_release (%v): CI would not build what the images hold", err)
	}
	if media := stages["media"]; !strings.Contains(strings.Join(media.lines, "\n"), "install -y --no-install-recommends ffmpeg") {
		t.Error("the media stage does not install ffmpeg (ffprobe comes with it)")
	}
	user := regexp.MustCompile(`--uid ([0-9]+) `).FindStringSubmatch(strings.Join(stages["runtime"].lines, "\n"))
	if user == nil || user[1] != "10001" {
		t.Fatalf("the runtime stage makes no user with uid %d", imageUser)
	}
	processes, err := testenv.ReadProcesses(testenv.RepoRoot())
	if err != nil {
		t.Fatal(err)
	}
	images := map[string]string{}
	for _, img := range kustomization(t).Images {
		images[img.Name] = img.NewTag
	}
	wantBase := map[string]string{"douyin-api": "media", "douyin-mq": "media"}
	targets := []string{"schema"}
	for _, p := range processes {
		targets = append(targets, p.Name)
		s, ok := stages[p.Name]
		if !ok {
			t.Errorf("the Dockerfile has no stage %s", p.Name)
			continue
		}
		if want := wantBase[p.Name]; want == "" && s.base != "runtime" || want != "" && s.base != want {
			t.Errorf("stage %s is FROM %s", p.Name, s.base)
		}
		etc := filepath.Base(p.EtcFile)
		for _, want := range []string{"COPY " + p.EtcFile + " etc/", "COPY --from=build /out/" + p.Name + " /app/",
			`ENTRYPOINT ["/app/` + p.Name + `"]`, `CMD ["-f", "etc/` + etc + `"]`} {
			if !s.has(want) {
				t.Errorf("stage %s lacks %s", p.Name, want)
			}
		}
	}
	for _, target := range targets {
		if u := stages[target].user(stages); u != "10001:10001" {
			t.Errorf("the %s image runs as %q, want 10001:10001", target, u)
		}
		if tag := images["douyin-zero/"+target]; tag == "" || tag != images["douyin-zero/douyin-api"] {
			t.Errorf("deploy/k8s/kustomization.yaml gives douyin-zero/%s tag %q, not the version of the others", target, tag)
		}
	}
	if len(images) != len(targets) {
		t.Errorf("the kustomization names %d images, the Dockerfile builds %d", len(images), len(targets))
	}
}
