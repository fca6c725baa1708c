// kms-plugin-fixture: a small KMS v2 plugin (oracle only) on k8s.io/kms for the kube-apiserver fixture and
// the decryption tests. It wraps the apiserver's DEKs with AES-256-GCM under one key-encryption key given in
// base64 (-kek): ciphertext = 12-byte nonce || GCM(kek, DEK), key ID = -key-id, and one annotation naming the
// KEK, so the fixture's EncryptedObjects carry a key ID, an encrypted DEK source and annotations.
//
//	kms-plugin-fixture -socket /tmp/x/kms.sock -kek BASE64 -key-id fixture-kek-1
package main

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"k8s.io/kms/pkg/service"
)

const annotation = "kms.fixture.example.com/kek"

type plugin struct {
	aead  cipher.AEAD
	keyID string
}

func (p *plugin) Encrypt(_ context.Context, _ string, dek []byte) (*service.EncryptResponse, error) {
	nonce := make([]byte, p.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return &service.EncryptResponse{
		Ciphertext:  p.aead.Seal(nonce, nonce, dek, nil),
		KeyID:       p.keyID,
		Annotations: map[string][]byte{annotation: []byte(p.keyID)},
	}, nil
}

func (p *plugin) Decrypt(_ context.Context, _ string, req *service.DecryptRequest) ([]byte, error) {
	if req.KeyID != p.keyID {
		return nil, fmt.Errorf("unknown key ID %q (this plugin holds %q)", req.KeyID, p.keyID)
	}
	n := p.aead.NonceSize()
	if len(req.Ciphertext) < n {
		return nil, errors.New("ciphertext shorter than the nonce")
	}
	return p.aead.Open(nil, req.Ciphertext[:n], req.Ciphertext[n:], nil)
}

func (p *plugin) Status(context.Context) (*service.StatusResponse, error) {
	return &service.StatusResponse{Version: "v2", Healthz: "ok", KeyID: p.keyID}, nil
}

func main() {
	socket := flag.String("socket", "", "unix socket path to listen on")
	kek := flag.String("kek", "", "key-encryption key, 32 bytes in base64 (test keys only)")
	keyID := flag.String("key-id", "fixture-kek-1", "key ID reported to the apiserver")
	flag.Parse()
	key, err := base64.StdEncoding.DecodeString(*kek)
	if err != nil || len(key) != 32 || *socket == "" {
		log.Fatal("usage: kms-plugin-fixture -socket PATH -kek BASE64(32 bytes) [-key-id ID]")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		log.Fatal(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		log.Fatal(err)
	}
	_ = os.Remove(*socket)
	s := service.NewGRPCService(*socket, 10*time.Second, &plugin{aead: aead, keyID: *keyID})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() { <-sig; s.Shutdown() }()
	log.Printf("kms-plugin-fixture: listening on %s, key ID %s", *socket, *keyID)
	if err := s.ListenAndServe(); err != nil {
		log.Fatal(err)
	}
}
