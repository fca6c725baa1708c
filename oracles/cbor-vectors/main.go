// cbor-vectors: test vectors for etcd-forensics' CBOR codec, made by the real apimachinery
// CBOR serializer (k8s.io/apimachinery/pkg/runtime/serializer/cbor, the one kube-apiserver
// uses with the CBOR storage gate). Oracle only: the product never runs Go.
//
//	cbor-vectors <testdata release dir> <out dir>
//
// For every <group>.<version>.<Kind>.json of the release (after_roundtrip files left out):
//
//	<name>.cbor               JSON → the typed Go object (client-go's scheme) → CBOR
//	<name>.unstructured.cbor  JSON → unstructured.Unstructured (what a custom resource is) → CBOR
//	<name>.served.json        the typed object decoded back from its CBOR, as the apiserver serves it (json.Marshal)
//
// Kinds the scheme does not know get the unstructured vector only. index.json lists what was
// written and what was skipped, with the reason.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	admissionv1 "k8s.io/api/admission/v1"
	admissionv1beta1 "k8s.io/api/admission/v1beta1"
	imagepolicyv1alpha1 "k8s.io/api/imagepolicy/v1alpha1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	cborserializer "k8s.io/apimachinery/pkg/runtime/serializer/cbor"
	protoserializer "k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	clientscheme "k8s.io/client-go/kubernetes/scheme"
)

type entry struct {
	Name         string `json:"name"`
	Typed        bool   `json:"typed"`
	Unstructured bool   `json:"unstructured"`
	Skipped      string `json:"skipped,omitempty"`
}

func gvkOf(name string) schema.GroupVersionKind {
	parts := strings.Split(name, ".")
	n := len(parts)
	group := strings.Join(parts[:n-2], ".")
	if group == "core" {
		group = ""
	}
	return schema.GroupVersionKind{Group: group, Version: parts[n-2], Kind: parts[n-1]}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cbor-vectors <testdata release dir> <out dir>")
		os.Exit(2)
	}
	in, out := os.Args[1], os.Args[2]
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientscheme.AddToScheme, admissionv1.AddToScheme, admissionv1beta1.AddToScheme, imagepolicyv1alpha1.AddToScheme} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	ser := cborserializer.NewSerializer(scheme, scheme)
	pbser := protoserializer.NewSerializer(scheme, scheme)
	if err := os.MkdirAll(out, 0o755); err != nil {
		panic(err)
	}
	files, _ := filepath.Glob(filepath.Join(in, "*.json"))
	sort.Strings(files)
	var index []entry
	fail := func(e entry, format string, args ...any) {
		e.Skipped = fmt.Sprintf(format, args...)
		index = append(index, e)
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		if strings.Contains(base, ".after_roundtrip") {
			continue
		}
		e := entry{Name: base}
		src, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		u := &unstructured.Unstructured{}
		if err := u.UnmarshalJSON(src); err != nil {
			fail(e, "JSON does not parse as unstructured: %v", err)
			continue
		}
		var ub bytes.Buffer
		if err := ser.Encode(u, &ub); err != nil {
			fail(e, "unstructured CBOR encode: %v", err)
			continue
		}
		write(out, base+".unstructured.cbor", ub.Bytes())
		e.Unstructured = true
		gvk := gvkOf(base)
		obj, err := scheme.New(gvk)
		if err != nil {
			e.Skipped = "typed: kind not in the scheme"
			index = append(index, e)
			continue
		}
		if err := json.Unmarshal(src, obj); err != nil {
			e.Skipped = fmt.Sprintf("typed: JSON does not decode: %v", err)
			index = append(index, e)
			continue
		}
		var tb bytes.Buffer
		if err := ser.Encode(obj, &tb); err != nil {
			e.Skipped = fmt.Sprintf("typed: CBOR encode: %v", err)
			index = append(index, e)
			continue
		}
		write(out, base+".cbor", tb.Bytes())
		back, err := scheme.New(gvk)
		if err != nil {
			panic(err)
		}
		if _, _, err := ser.Decode(tb.Bytes(), &gvk, back); err != nil {
			e.Skipped = fmt.Sprintf("typed: CBOR decode: %v", err)
			index = append(index, e)
			continue
		}
		served, err := json.MarshalIndent(back, "", "  ")
		if err != nil {
			panic(err)
		}
		write(out, base+".served.json", served)
		// zero creationTimestamps: what 1.34+ (omitzero, kubernetes PR #130989) renders for pod templates
		var plain map[string]any
		if err := json.Unmarshal(src, &plain); err != nil {
			panic(err)
		}
		dropKey(plain, "creationTimestamp")
		zsrc, _ := json.Marshal(plain)
		zobj, _ := scheme.New(gvk)
		if err := json.Unmarshal(zsrc, zobj); err == nil {
			var pb bytes.Buffer
			if err := pbser.Encode(zobj, &pb); err == nil {
				zjson, err := json.MarshalIndent(zobj, "", "  ")
				if err != nil {
					panic(err)
				}
				write(out, base+".zero-ctime.pb", pb.Bytes())
				write(out, base+".zero-ctime.json", zjson)
			}
		}
		e.Typed = true
		index = append(index, e)
	}
	idx, _ := json.MarshalIndent(index, "", "  ")
	write(out, "index.json", idx)
	typed, unstr := 0, 0
	for _, e := range index {
		if e.Typed {
			typed++
		}
		if e.Unstructured {
			unstr++
		}
	}
	fmt.Fprintf(os.Stderr, "cbor-vectors: %d objects, %d typed, %d unstructured\n", len(index), typed, unstr)
}

// dropKey removes every key k at any depth of a decoded JSON value.
func dropKey(v any, k string) {
	switch x := v.(type) {
	case map[string]any:
		delete(x, k)
		for _, y := range x {
			dropKey(y, k)
		}
	case []any:
		for _, y := range x {
			dropKey(y, k)
		}
	}
}

func write(dir, name string, b []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		panic(err)
	}
}
