package publishtest

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository's top directory, two levels above this package.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

type workflow struct {
	On struct {
		Push *struct {
			Branches []string `yaml:"branches"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress bool   `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Jobs map[string]job `yaml:"jobs"`
}

type job struct {
	Needs       any               `yaml:"needs"`
	Permissions map[string]string `yaml:"permissions"`
	Environment struct {
		Name string `yaml:"name"`
		URL  string `yaml:"url"`
	} `yaml:"environment"`
	Steps []step `yaml:"steps"`
}

type step struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

// action returns the action a step uses without its version, and the version.
func (s step) action() (string, string) {
	name, version, _ := strings.Cut(s.Uses, "@")
	return name, version
}

// find returns the index of the first step using the action, or -1.
func find(steps []step, action string) int {
	return slices.IndexFunc(steps, func(s step) bool { a, _ := s.action(); return a == action })
}

// scriptDefaultDest reads the default output directory from publish.sh.
func scriptDefaultDest(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "scripts", "publish.sh"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^dest=\$\{dest:-([^}]+)\}$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("scripts/publish.sh: no line dest=${dest:-DIR} giving the default output directory")
	}
	return string(m[1])
}

// TestPagesWorkflow lints .github/workflows/pages.yml, which cannot run
// here: triggers, permissions, the official actions at a major version,
// the order of the steps, scripts/publish.sh called with the base URL
// from actions/configure-pages, and the upload of the directory that the
// script wrote.
func TestPagesWorkflow(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}

	if wf.On.Push == nil || !slices.Equal(wf.On.Push.Branches, []string{"main"}) {
		t.Errorf("on.push.branches = %v, want [main]", wf.On.Push)
	}
	perms := func(j job) map[string]string {
		p := map[string]string{}
		for k, v := range wf.Permissions {
			p[k] = v
		}
		if j.Permissions != nil {
			p = j.Permissions // a job's permissions replace the workflow's
		}
		return p
	}
	if wf.Concurrency.Group == "" {
		t.Error("no concurrency group: two deployments could overlap")
	}

	// Every action is an official one, pinned to a major version.
	official := map[string]bool{
		"actions/checkout": true, "actions/setup-go": true, "actions/configure-pages": true,
		"actions/upload-pages-artifact": true, "actions/deploy-pages": true,
	}
	var build, deploy string
	for name, j := range wf.Jobs {
		for _, s := range j.Steps {
			if s.Uses == "" {
				continue
			}
			a, v := s.action()
			if !official[a] || !regexp.MustCompile(`^v\d+$`).MatchString(v) {
				t.Errorf("job %s uses %s: want one of the official actions at a major version (@vN)", name, s.Uses)
			}
		}
		if find(j.Steps, "actions/upload-pages-artifact") >= 0 {
			build = name
		}
		if find(j.Steps, "actions/deploy-pages") >= 0 {
			deploy = name
		}
	}
	if build == "" || deploy == "" {
		t.Fatalf("no job uploads the site (%q) or none deploys it (%q)", build, deploy)
	}

	// The build job: check out, set up Go from go.mod, test, configure
	// Pages, build with publish.sh, upload.
	steps := wf.Jobs[build].Steps
	checkout, setup := find(steps, "actions/checkout"), find(steps, "actions/setup-go")
	configure, upload := find(steps, "actions/configure-pages"), find(steps, "actions/upload-pages-artifact")
	test := slices.IndexFunc(steps, func(s step) bool { return strings.Contains(s.Run, "go test") })
	publish := slices.IndexFunc(steps, func(s step) bool { return strings.Contains(s.Run, "scripts/publish.sh") })
	if setup < 0 || steps[setup].With["go-version-file"] != "go.mod" {
		t.Error("Go is not set up with actions/setup-go and go-version-file: go.mod")
	}
	order := []struct {
		what string
		i    int
	}{{"check out", checkout}, {"set up Go", setup}, {"go test", test}, {"configure Pages", configure}, {"scripts/publish.sh", publish}, {"upload", upload}}
	for i, o := range order {
		if o.i < 0 {
			t.Fatalf("the %s job has no step to %s", build, o.what)
		}
		if i > 0 && o.i < order[i-1].i {
			t.Errorf("the %s job runs %q before %q", build, o.what, order[i-1].what)
		}
	}

	// publish.sh gets the base URL that configure-pages reports, directly
	// or through an environment variable, and writes what is uploaded.
	if steps[configure].ID == "" {
		t.Fatal("the configure-pages step has no id, so its base_url cannot be read")
	}
	baseURL := "${{ steps." + steps[configure].ID + ".outputs.base_url }}"
	args := strings.Fields(steps[publish].Run)
	at := slices.IndexFunc(args, func(a string) bool { return strings.HasSuffix(a, "scripts/publish.sh") })
	args = args[at+1:]
	for i, a := range args {
		args[i] = strings.Trim(a, `"'`)
	}
	if len(args) == 0 {
		t.Fatalf("scripts/publish.sh is called without a base URL: %q", steps[publish].Run)
	}
	if arg := args[0]; arg != baseURL {
		v, ok := strings.CutPrefix(arg, "$")
		v = strings.Trim(v, "{}")
		if !ok || steps[publish].Env[v] != baseURL {
			t.Errorf("scripts/publish.sh is called with the base URL %q, want %s", arg, baseURL)
		}
	}
	dest := scriptDefaultDest(t)
	if len(args) > 1 {
		dest = args[1]
	}
	if got := steps[upload].With["path"]; filepath.Clean(got) != filepath.Clean(dest) {
		t.Errorf("upload-pages-artifact uploads %q, but scripts/publish.sh writes %q", got, dest)
	}

	// The deploy job: after the build, in the github-pages environment,
	// with the permissions deploy-pages needs.
	d := wf.Jobs[deploy]
	needs := []string{}
	switch n := d.Needs.(type) {
	case string:
		needs = append(needs, n)
	case []any:
		for _, x := range n {
			if s, ok := x.(string); ok {
				needs = append(needs, s)
			}
		}
	}
	if deploy != build && !slices.Contains(needs, build) {
		t.Errorf("the %s job does not wait for %s (needs: %v)", deploy, build, d.Needs)
	}
	if d.Environment.Name != "github-pages" {
		t.Errorf("the %s job's environment is %q, want github-pages", deploy, d.Environment.Name)
	}
	for _, j := range []string{build, deploy} {
		p := perms(wf.Jobs[j])
		if j == deploy && (p["pages"] != "write" || p["id-token"] != "write") {
			t.Errorf("the %s job has permissions %v, want pages: write and id-token: write", j, p)
		}
		for k, v := range p {
			if v == "write" && k != "pages" && k != "id-token" {
				t.Errorf("the %s job may write %s, which publishing does not need", j, k)
			}
		}
	}
}
