// Package k8s tests deploy/k8s as `kustomize build deploy/k8s` makes it (the
// kustomize library, run here): every manifest decodes strictly with client-go's
// scheme, the kustomization names only files that exist, the ConfigMap is the
// repository's etc files, and what is needed to run holds (namespace first,
// versioned images, secrets from the Secret, budgets, limits, grace periods).
// Each process's own config tests load its ConfigMap entry into its real config
// type as its pod does (pkg/k8senv).
package k8s

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"douyin/pkg/testenv"
)

var update = flag.Bool("update", false, "copy the repository's etc files to deploy/k8s/etc")

// secretsFile is the operator's own env file of the Secret: git-ignored, its
// keys in secretsFile+".example".
const secretsFile = "secrets.env"

// The user the Dockerfile's images run as.
const imageUser = 10001

func kustomization(t *testing.T) types.Kustomization {
	t.Helper()
	b, err := os.ReadFile("kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var k types.Kustomization
	if err := k.Unmarshal(b); err != nil { // unknown fields fail
		t.Fatal(err)
	}
	return k
}

func generator(t *testing.T, gens []types.ConfigMapArgs, name string) types.GeneratorArgs {
	t.Helper()
	for _, g := range gens {
		if g.Name == name {
			return g.GeneratorArgs
		}
	}
	t.Fatalf("kustomization.yaml generates no ConfigMap %s", name)
	return types.GeneratorArgs{}
}

// Every file the kustomization names exists (the Secret's env file is the
// operator's: git-ignored, with an example), and every manifest here is named.
func TestKustomizationReferencesOnlyExistingFiles(t *testing.T) {
	k := kustomization(t)
	files := slices.Clone(k.Resources)
	for _, g := range k.ConfigMapGenerator {
		files = append(files, g.FileSources...)
		files = append(files, g.EnvSources...)
	}
	var secretEnvs []string
	for _, g := range k.SecretGenerator {
		if len(g.FileSources) > 0 || len(g.LiteralSources) > 0 {
			t.Errorf("Secret %s: secrets come from the operator's %s only, not files or literals in the repository", g.Name, secretsFile)
		}
		secretEnvs = append(secretEnvs, g.EnvSources...)
	}
	if !slices.Equal(secretEnvs, []string{secretsFile}) {
		t.Errorf("the secretGenerator reads %v, want [%s]", secretEnvs, secretsFile)
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("kustomization.yaml names %s: %v", f, err)
		}
	}
	if _, err := os.Stat(secretsFile + ".example"); err != nil {
		t.Error(err)
	}
	ignore, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), ".gitignore"))
	if err != nil || !slices.Contains(strings.Split(string(ignore), "\n"), "/deploy/k8s/"+secretsFile) {
		t.Errorf(".gitignore does not list /deploy/k8s/%s (%v)", secretsFile, err)
	}
	manifests, _ := filepath.Glob("*.yaml")
	for _, m := range manifests {
		if m != "kustomization.yaml" && !slices.Contains(k.Resources, m) {
			t.Errorf("%s is not among the kustomization's resources: kubectl apply -k would leave it out", m)
		}
	}
}

// The ConfigMap douyin-config is the repository's etc files: etc/ holds exact
// copies (kustomize reads no file above its folder); -update refreshes them.
func TestConfigMapIsTheEtcFiles(t *testing.T) {
	processes, err := testenv.ReadProcesses(testenv.RepoRoot())
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range processes {
		copyPath := filepath.Join("etc", filepath.Base(p.EtcFile))
		want = append(want, copyPath)
		etc, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), p.EtcFile))
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(copyPath, etc, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := os.ReadFile(copyPath); err != nil || !bytes.Equal(got, etc) {
			t.Errorf("deploy/k8s/%s is not %s (%v): go test ./deploy/k8s -run TestConfigMapIsTheEtcFiles -update",
				copyPath, p.EtcFile, err)
		}
	}
	if got := generator(t, kustomization(t).ConfigMapGenerator, "douyin-config").FileSources; !slices.Equal(got, want) {
		t.Errorf("douyin-config holds %v, want the etc files of deploy/processes.tsv %v", got, want)
	}
}

// built is the output of the kustomization, decoded.
type built struct {
	objects    []runtime.Object
	k          types.Kustomization
	deploys    map[string]*appsv1.Deployment
	services   map[string]*corev1.Service
	configMaps map[string]*corev1.ConfigMap // by the name before kustomize's hash suffix
	secret     *corev1.Secret
}

// build runs kustomize on a copy of this folder with a stand-in secrets.env
// and decodes each resource strictly (an unknown or duplicated field fails).
func build(t *testing.T) *built {
	t.Helper()
	fs := filesys.MakeFsInMemory()
	err := filepath.Walk(".", func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || path == secretsFile {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return fs.WriteFile(filepath.Join("/k8s", path), b)
	})
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(secretsFile + ".example")
	if err != nil {
		t.Fatal(err)
	}
	secrets := regexp.MustCompile(`(?m)^([A-Z_]+)=$`).ReplaceAll(example, []byte("${1}=stand-in-for-a-random-value-of-32-bytes-or-more"))
	if err := fs.WriteFile("/k8s/"+secretsFile, secrets); err != nil {
		t.Fatal(err)
	}
	res, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fs, "/k8s")
	if err != nil {
		t.Fatalf("kustomize build deploy/k8s: %v", err)
	}
	out, err := res.AsYaml()
	if err != nil {
		t.Fatal(err)
	}
	decoder := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	b := &built{k: kustomization(t), deploys: map[string]*appsv1.Deployment{}, services: map[string]*corev1.Service{},
		configMaps: map[string]*corev1.ConfigMap{}}
	for _, doc := range strings.Split(string(out), "\n---\n") {
		obj, _, err := decoder.Decode([]byte(doc), nil, nil)
		if err != nil {
			t.Fatalf("%v in\n%s", err, doc)
		}
		b.objects = append(b.objects, obj)
		switch o := obj.(type) {
		case *appsv1.Deployment:
			b.deploys[o.Name] = o
		case *corev1.Service:
			b.services[o.Name] = o
		case *corev1.ConfigMap:
			b.configMaps[o.Name[:strings.LastIndexByte(o.Name, '-')]] = o
		case *corev1.Secret:
			b.secret = o
		}
	}
	return b
}

// A strictly decoding scheme refuses what the API server would drop.
func TestStrictDecodingRefusesUnknownFields(t *testing.T) {
	decoder := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	doc := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replica: 2}\n"
	if _, _, err := decoder.Decode([]byte(doc), nil, nil); err == nil {
		t.Fatal("spec.replica (a typo) decoded without an error")
	}
}

func TestManifestsWouldRun(t *testing.T) {
	b := build(t)
	ns, ok := b.objects[0].(*corev1.Namespace)
	if !ok || ns.Name != b.k.Namespace || b.k.Namespace == "" {
		t.Fatalf("the first resource is %T, want the Namespace %q: it must exist before what lives in it", b.objects[0], b.k.Namespace)
	}
	processes, err := testenv.ReadProcesses(testenv.RepoRoot())
	if err != nil {
		t.Fatal(err)
	}
	if len(b.deploys) != len(processes) {
		t.Errorf("%d Deployments for the %d processes of deploy/processes.tsv", len(b.deploys), len(processes))
	}
	var pdbs []*policyv1.PodDisruptionBudget
	var schemaJob *batchv1.Job
	for _, obj := range b.objects[1:] {
		meta := obj.(metav1.Object)
		if _, cluster := obj.(*corev1.Namespace); !cluster && meta.GetNamespace() != ns.Name {
			t.Errorf("%T %s is in namespace %q", obj, meta.GetName(), meta.GetNamespace())
		}
		switch o := obj.(type) {
		case *policyv1.PodDisruptionBudget:
			pdbs = append(pdbs, o)
		case *autoscalingv2.HorizontalPodAutoscaler:
			if d := b.deploys[o.Spec.ScaleTargetRef.Name]; d == nil || o.Spec.ScaleTargetRef.Kind != "Deployment" {
				t.Errorf("HPA %s scales %s, no Deployment", o.Name, o.Spec.ScaleTargetRef.Name)
			} else if d.Spec.Replicas != nil {
				t.Errorf("Deployment %s sets replicas under the HPA %s: each apply resets what the HPA chose", d.Name, o.Name)
			}
		case *batchv1.Job:
			schemaJob = o
			b.checkPod(t, "Job "+o.Name, o.Spec.Template.Spec)
		case *corev1.Service:
			b.checkService(t, o)
		}
	}
	for _, p := range processes {
		d := b.deploys[p.Name]
		if d == nil {
			t.Errorf("no Deployment for %s", p.Name)
			continue
		}
		b.checkPod(t, "Deployment "+d.Name, d.Spec.Template.Spec)
		covered := 0
		for _, pdb := range pdbs {
			if sel, err := metav1.LabelSelectorAsSelector(pdb.Spec.Selector); err == nil && sel.Matches(labels.Set(d.Spec.Template.Labels)) {
				covered++
			}
		}
		if covered != 1 {
			t.Errorf("Deployment %s: %d PodDisruptionBudgets select its pods, want 1", d.Name, covered)
		}
		if c := d.Spec.Template.Spec.Containers[0]; c.ReadinessProbe == nil || c.LivenessProbe == nil {
			t.Errorf("Deployment %s: no readiness or liveness probe", d.Name)
		}
	}
	if schemaJob == nil || !strings.HasPrefix(schemaJob.Spec.Template.Spec.Containers[0].Image, "douyin-zero/schema:") {
		t.Error("no Job applies the schema (image douyin-zero/schema)")
	}
	if !b.mayWatchEndpointSlices(b.deploys["douyin-api"].Spec.Template.Spec.ServiceAccountName) {
		t.Error("the gateway's ServiceAccount may not list and watch EndpointSlices: its k8s:// resolver would find no service")
	}
	// deploy/process.env (the Go runtime settings) reaches every process.
	env := b.configMaps["douyin-env"]
	processEnv, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "deploy", "process.env"))
	if err != nil || env == nil {
		t.Fatalf("deploy/process.env: %v; ConfigMap douyin-env: %v", err, env != nil)
	}
	for _, line := range strings.Split(string(processEnv), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") && env.Data[k] != v {
			t.Errorf("douyin-env has %s=%q, deploy/process.env %q", k, env.Data[k], v)
		}
	}
	// The gateway finds each service at a Service of this namespace, at its port.
	for name, value := range deploymentEnv(b.deploys["douyin-api"]) {
		target, ok := strings.CutPrefix(value, "k8s://")
		if !ok {
			continue
		}
		var svcNS, svc string
		var port int32
		if _, err := fmt.Sscanf(strings.NewReplacer("/", " ", ":", " ").Replace(target), "%s %s %d", &svcNS, &svc, &port); err != nil ||
			svcNS != ns.Name || b.services[svc] == nil || b.services[svc].Spec.Ports[0].Port != port {
			t.Errorf("the gateway's %s=%s names no Service port of namespace %s", name, value, ns.Name)
		}
	}
}

// checkPod: versioned images run as built (the image's ENTRYPOINT and CMD), as
// the non-root user of the images; requests and a memory limit, GOMEMLIMIT
// under it; every Secret, ConfigMap and claim it names exists.
func (b *built) checkPod(t *testing.T, what string, spec corev1.PodSpec) {
	t.Helper()
	sc := spec.SecurityContext
	if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser != imageUser {
		t.Errorf("%s: does not run as the images' non-root user %d", what, imageUser)
	}
	for _, c := range spec.Containers {
		name, tag, _ := strings.Cut(c.Image, ":")
		if !regexp.MustCompile(`^v?[0-9]+\.[0-9]+\.[0-9]+$`).MatchString(tag) || !strings.HasPrefix(name, "douyin-zero/") {
			t.Errorf("%s: image %q, want douyin-zero/<name>:<version>", what, c.Image)
		}
		if len(c.Command) > 0 || len(c.Args) > 0 {
			t.Errorf("%s: command %q args %q replace the image's ENTRYPOINT and CMD", what, c.Command, c.Args)
		}
		limit, requests := c.Resources.Limits.Memory(), c.Resources.Requests
		if limit.IsZero() || requests.Cpu().IsZero() || requests.Memory().IsZero() {
			t.Errorf("%s: resources %v: want cpu and memory requests and a memory limit", what, c.Resources)
		}
		if strings.HasPrefix(what, "Deployment") {
			goLimit, err := resource.ParseQuantity(strings.TrimSuffix(containerEnv(c)["GOMEMLIMIT"], "B"))
			if err != nil || goLimit.IsZero() || goLimit.Cmp(*limit) >= 0 {
				t.Errorf("%s: GOMEMLIMIT %q (%v) is not under the memory limit %v", what, containerEnv(c)["GOMEMLIMIT"], err, limit)
			}
		}
		for _, e := range c.Env {
			if ref := e.ValueFrom; ref != nil && ref.SecretKeyRef != nil {
				key := ref.SecretKeyRef.Key
				if b.secret == nil || ref.SecretKeyRef.Name != b.secret.Name {
					t.Errorf("%s: %s comes from Secret %s, which the kustomization does not make", what, e.Name, ref.SecretKeyRef.Name)
				} else if _, ok := b.secret.Data[key]; !ok {
					t.Errorf("%s: the Secret has no %s (%s.example names the keys)", what, key, secretsFile)
				}
			}
		}
		for _, from := range c.EnvFrom {
			if from.ConfigMapRef == nil || !b.madeConfigMap(from.ConfigMapRef.Name) {
				t.Errorf("%s: envFrom %v is not a ConfigMap the kustomization makes", what, from)
			}
		}
	}
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil && !b.madeConfigMap(v.ConfigMap.Name) {
			t.Errorf("%s: volume %s mounts ConfigMap %s, which the kustomization does not make", what, v.Name, v.ConfigMap.Name)
		}
		if v.PersistentVolumeClaim != nil && !b.has(&corev1.PersistentVolumeClaim{}, v.PersistentVolumeClaim.ClaimName) {
			t.Errorf("%s: volume %s claims %s, which no manifest makes", what, v.Name, v.PersistentVolumeClaim.ClaimName)
		}
	}
}

// checkService: it selects a Deployment's pods, at a port they name.
func (b *built) checkService(t *testing.T, s *corev1.Service) {
	t.Helper()
	d := b.deploys[s.Name]
	if d == nil || !labels.SelectorFromSet(s.Spec.Selector).Matches(labels.Set(d.Spec.Template.Labels)) {
		t.Errorf("Service %s does not select the pods of Deployment %s", s.Name, s.Name)
		return
	}
	for _, p := range s.Spec.Ports {
		found := false
		for _, cp := range d.Spec.Template.Spec.Containers[0].Ports {
			found = found || cp.Name == p.TargetPort.StrVal || cp.ContainerPort == p.TargetPort.IntVal
		}
		if !found {
			t.Errorf("Service %s: target port %s is no port of its pods", s.Name, p.TargetPort.String())
		}
	}
}

// mayWatchEndpointSlices: a RoleBinding gives the ServiceAccount a Role that
// lists and watches EndpointSlices (what go-zero's k8s:// resolver does).
func (b *built) mayWatchEndpointSlices(account string) bool {
	roles := map[string]*rbacv1.Role{}
	for _, obj := range b.objects {
		if r, ok := obj.(*rbacv1.Role); ok {
			roles[r.Name] = r
		}
	}
	for _, obj := range b.objects {
		rb, ok := obj.(*rbacv1.RoleBinding)
		if !ok || rb.RoleRef.Kind != "Role" || roles[rb.RoleRef.Name] == nil {
			continue
		}
		bound := false
		for _, s := range rb.Subjects {
			bound = bound || s.Kind == "ServiceAccount" && s.Name == account && account != ""
		}
		for _, rule := range roles[rb.RoleRef.Name].Rules {
			if bound && slices.Contains(rule.APIGroups, "discovery.k8s.io") && slices.Contains(rule.Resources, "endpointslices") &&
				slices.Contains(rule.Verbs, "list") && slices.Contains(rule.Verbs, "watch") {
				return true
			}
		}
	}
	return false
}

func (b *built) madeConfigMap(name string) bool {
	for _, cm := range b.configMaps {
		if cm.Name == name {
			return true
		}
	}
	return false
}

func (b *built) has(kind metav1.Object, name string) bool {
	for _, obj := range b.objects {
		if fmt.Sprintf("%T", obj) == fmt.Sprintf("%T", kind) && obj.(metav1.Object).GetName() == name {
			return true
		}
	}
	return false
}

// deploymentEnv and containerEnv are the literal values of the env list.
func deploymentEnv(d *appsv1.Deployment) map[string]string {
	return containerEnv(d.Spec.Template.Spec.Containers[0])
}

func containerEnv(c corev1.Container) map[string]string {
	out := map[string]string{}
	for _, e := range c.Env {
		out[e.Name] = e.Value
	}
	return out
}
