// enc-vectors runs kube-apiserver's own encryption-at-rest code (k8s.io/apiserver v0.36.3: the
// EncryptionConfiguration loader and its aescbc, aesgcm, secretbox, identity and KMS v2 transformers)
// over real stored objects and prints test vectors as JSON. Oracle only: the product never runs Go.
//
//	enc-vectors -configs DIR -testdata DIR > vectors.json
//
// Each config DIR/*.yaml|json is loaded with encryptionconfig.LoadEncryptionConfig exactly as
// `kube-apiserver --encryption-provider-config` loads it. Each object (a .pb of the k8s-api testdata:
// the bytes the apiserver stores) is written through the transformer the apiserver picks for its
// resource, with the etcd key as authenticated data (value.DefaultContext(key), as storage/etcd3 does),
// read back, and also read with every other config (the error text is recorded: what the apiserver says
// when the key is wrong). A config with a `kms` provider gets a fake in-process KMS v2 plugin (k8s.io/kms
// gRPC server on a unix socket under a temp dir; its "encryption" is the identity, so tests can check the
// envelope fields); its endpoint in the file is replaced by that socket's path.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/server/options/encryptionconfig"
	"k8s.io/apiserver/pkg/storage/value"
	kmsservice "k8s.io/kms/pkg/service"
)

// The objects: testdata file, the resource the apiserver stores it as, and its etcd key.
var objects = []struct{ file, resource, key string }{
	{"core.v1.Secret.pb", "secrets", "/registry/secrets/default/secret-a"},
	{"core.v1.ConfigMap.pb", "configmaps", "/registry/configmaps/kube-system/cm-b"},
	{"apps.v1.Deployment.pb", "deployments.apps", "/registry/deployments/default/web"},
	{"core.v1.Pod.pb", "pods", "/registry/pods/default/web-0"},
}

type vector struct {
	Config         string            `json:"config"`
	Object         string            `json:"object"`
	Resource       string            `json:"resource"`
	EtcdKey        string            `json:"etcdKey"`
	PlainSHA256    string            `json:"plaintextSha256"`
	PlainLength    int               `json:"plaintextLength"`
	Stored         string            `json:"storedBase64"`
	StoredPrefix   string            `json:"storedPrefix"`
	ReadErrors     map[string]string `json:"readWithOtherConfigs"`
	WrongKeyErrors map[string]string `json:"readWithWrongAAD,omitempty"`
}

// fakeKMS is a KMS v2 plugin whose KEK is the identity: Encrypt returns "fake-kek:" + DEK seed.
type fakeKMS struct{}

func (fakeKMS) Encrypt(_ context.Context, _ string, data []byte) (*kmsservice.EncryptResponse, error) {
	return &kmsservice.EncryptResponse{
		Ciphertext:  append([]byte("fake-kek:"), data...),
		KeyID:       "fake-key-1",
		Annotations: map[string][]byte{"kek.vectors.etcd-forensics.io": []byte("identity")},
	}, nil
}
func (fakeKMS) Decrypt(_ context.Context, _ string, req *kmsservice.DecryptRequest) ([]byte, error) {
	return []byte(strings.TrimPrefix(string(req.Ciphertext), "fake-kek:")), nil
}
func (fakeKMS) Status(context.Context) (*kmsservice.StatusResponse, error) {
	return &kmsservice.StatusResponse{Version: "v2", Healthz: "ok", KeyID: "fake-key-1"}, nil
}

func main() {
	configs := flag.String("configs", "", "folder of EncryptionConfiguration *.yaml")
	testdata := flag.String("testdata", "", "k8s-api testdata release folder with the .pb files")
	flag.Parse()
	if err := run(*configs, *testdata); err != nil {
		fmt.Fprintln(os.Stderr, "enc-vectors:", err)
		os.Exit(1)
	}
}

func run(configDir, testdata string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tmp, err := os.MkdirTemp("", "enc-vectors-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	sock := filepath.Join(tmp, "kms.sock")
	kms := kmsservice.NewGRPCService(sock, 5*time.Second, fakeKMS{})
	go func() { _ = kms.ListenAndServe() }()
	defer kms.Close()

	files, err := filepath.Glob(filepath.Join(configDir, "*.yaml"))
	if err != nil {
		return err
	}
	jsonFiles, _ := filepath.Glob(filepath.Join(configDir, "*.json"))
	files = append(files, jsonFiles...)
	sort.Strings(files)
	loaded := map[string]encryptionconfig.StaticTransformers{}
	var names []string
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		path := f
		if strings.Contains(string(text), "unix:///KMS_SOCKET") {
			path = filepath.Join(tmp, filepath.Base(f))
			if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(text), "/KMS_SOCKET", sock)), 0o600); err != nil {
				return err
			}
		}
		cfg, err := encryptionconfig.LoadEncryptionConfig(ctx, path, false, "enc-vectors")
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".yaml"), ".json")
		loaded[name] = encryptionconfig.StaticTransformers(cfg.Transformers)
		names = append(names, name)
	}

	var out []vector
	for _, name := range names {
		for _, o := range objects {
			plain, err := os.ReadFile(filepath.Join(testdata, o.file))
			if err != nil {
				return err
			}
			gr := schema.ParseGroupResource(o.resource)
			t := loaded[name].TransformerForResource(gr)
			var stored []byte
			// a KMS v2 transformer is ready once the background probe has fetched the plugin's status
			for deadline := time.Now().Add(30 * time.Second); ; {
				stored, err = t.TransformToStorage(ctx, plain, value.DefaultContext(o.key))
				if err == nil || time.Now().After(deadline) {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if err != nil {
				return fmt.Errorf("%s %s: encrypt: %w", name, o.file, err)
			}
			back, _, err := t.TransformFromStorage(ctx, stored, value.DefaultContext(o.key))
			if err != nil || string(back) != string(plain) {
				return fmt.Errorf("%s %s: round trip failed: %v", name, o.file, err)
			}
			sum := sha256.Sum256(plain)
			v := vector{Config: name, Object: o.file, Resource: o.resource, EtcdKey: o.key,
				PlainSHA256: hex.EncodeToString(sum[:]), PlainLength: len(plain),
				Stored: base64.StdEncoding.EncodeToString(stored), StoredPrefix: prefixOf(stored),
				ReadErrors: map[string]string{}}
			for _, other := range names {
				if other == name {
					continue
				}
				b, _, err := loaded[other].TransformerForResource(gr).TransformFromStorage(ctx, stored, value.DefaultContext(o.key))
				switch {
				case err != nil:
					v.ReadErrors[other] = err.Error()
				case string(b) == string(plain):
					v.ReadErrors[other] = "" // the other config reads it too
				default:
					return fmt.Errorf("%s read by %s: different bytes", name, other)
				}
			}
			if _, _, err := t.TransformFromStorage(ctx, stored, value.DefaultContext(o.key+"-moved")); err != nil {
				v.WrongKeyErrors = map[string]string{o.key + "-moved": err.Error()}
			}
			out = append(out, v)
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{
		"generator": "oracles/enc-vectors (k8s.io/apiserver v0.36.3 encryptionconfig.LoadEncryptionConfig + storage/value transformers)",
		"vectors":   out,
	})
}

// prefixOf is the `k8s:enc:<provider>:<version>:<name>:` head of a stored value ("" for identity).
func prefixOf(b []byte) string {
	s := string(b)
	if !strings.HasPrefix(s, "k8s:enc:") {
		return ""
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 {
		return s
	}
	return strings.Join(parts[:5], ":") + ":"
}
