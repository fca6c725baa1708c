// The block ciphers behind aescbc/aesgcm, as one small interface so the core never imports a
// platform module: Node registers node:crypto (node-cipher.ts); a browser build can register
// @noble/ciphers' aes (synchronous, like this interface — WebCrypto's subtle is async-only).
// Secretbox (XSalsa20-Poly1305) is @noble/ciphers everywhere (see transformers.ts).

export interface CipherAdapter {
  /** AES-CBC without padding (the caller handles PKCS#7 as the apiserver does). */
  aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** AES-GCM, 12-byte nonce, 16-byte tag after the ciphertext; throws when the tag does not verify. */
  aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array;
  aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array, aad: Uint8Array): Uint8Array;
  randomBytes(n: number): Uint8Array;
}

let registered: CipherAdapter | undefined;

/** Sets the adapter used when a call passes none (the Node entry points register node:crypto). */
export function setCipherAdapter(adapter: CipherAdapter): void {
  registered = adapter;
}

export function cipherAdapter(given?: CipherAdapter): CipherAdapter {
  const a = given ?? registered;
  if (!a) throw new Error('encryption: no cipher adapter registered (import etcd-forensics from Node, or call setCipherAdapter)');
  return a;
}
