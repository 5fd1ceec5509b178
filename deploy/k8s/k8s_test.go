// Package k8s tests the manifests' process configs: nothing internal exposed,
// no secret in a ConfigMap.
package k8s

import (
	"os"
	"strings"
	"testing"

	"github.com/zeromicro/go-zero/core/conf"
)

type configMap struct {
	Kind     string
	Metadata struct{ Name string }
	Data     map[string]string `json:",optional"`
}

func configMaps(t *testing.T) map[string]configMap {
	t.Helper()
	b, err := os.ReadFile("config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]configMap{}
	for _, doc := range strings.Split(string(b), "\n---\n") {
		var m configMap
		if err := conf.LoadFromYamlBytes([]byte(doc), &m); err != nil {
			t.Fatal(err)
		}
		out[m.Metadata.Name] = m
	}
	return out
}

// Each process config turns pprof off, and takes its secrets from variables
// that the Secret douyin-secrets fills (a literal would ship with the repo).
func TestProcessConfigsHideInternalsAndHoldNoSecret(t *testing.T) {
	maps := configMaps(t)
	processes := maps["douyin-config"].Data
	if len(processes) != 5 {
		t.Fatalf("douyin-config holds %d process configs, want 5", len(processes))
	}
	secrets := map[string]string{"MYSQL_PASSWORD": "", "REDIS_PASSWORD": "", "ACCESS_SECRET": "", "ASYNQMON_PASSWORD": ""}
	for name := range secrets {
		secrets[name] = "from-the-secret-" + strings.ToLower(name)
		t.Setenv(name, secrets[name])
	}
	type redisConf struct {
		Pass string `json:",optional"`
	}
	for file, text := range processes {
		var c struct {
			DevServer struct {
				EnablePprof bool `json:",default=true"`
			} `json:",optional"`
			Auth struct {
				AccessSecret string `json:",optional"`
			} `json:",optional"`
			Admin struct {
				Password string `json:",optional"`
			} `json:",optional"`
			Mysql struct {
				DataSource string `json:",optional"`
			} `json:",optional"`
			DataRedis  redisConf   `json:",optional"`
			CacheRedis []redisConf `json:",optional"`
		}
		if err := conf.LoadFromYamlBytes([]byte(os.ExpandEnv(text)), &c); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if c.DevServer.EnablePprof {
			t.Errorf("%s: DevServer serves pprof", file)
		}
		check := func(what, got, variable string) {
			if got != secrets[variable] {
				t.Errorf("%s: %s is %q, not the Secret's %s", file, what, got, variable)
			}
		}
		switch file {
		case "douyin-api.yaml":
			check("Auth.AccessSecret", c.Auth.AccessSecret, "ACCESS_SECRET")
			continue
		case "mq.yaml":
			check("Admin.Password", c.Admin.Password, "ASYNQMON_PASSWORD")
		}
		if !strings.Contains(c.Mysql.DataSource, ":"+secrets["MYSQL_PASSWORD"]+"@") {
			t.Errorf("%s: the DSN %q does not carry MYSQL_PASSWORD", file, c.Mysql.DataSource)
		}
		check("DataRedis.Pass", c.DataRedis.Pass, "REDIS_PASSWORD")
		for _, r := range c.CacheRedis {
			check("CacheRedis.Pass", r.Pass, "REDIS_PASSWORD")
		}
	}
	for key := range maps["douyin-env"].Data {
		if strings.Contains(key, "PASSWORD") || strings.Contains(key, "SECRET") {
			t.Errorf("the ConfigMap douyin-env holds %s: secrets belong in the Secret douyin-secrets", key)
		}
	}
}
