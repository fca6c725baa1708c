// node:crypto behind the CipherAdapter interface: the one module of the encryption code that
// imports a Node built-in. Importing it registers it as the default adapter.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { setCipherAdapter, type CipherAdapter } from './cipher.js';

const GCM_TAG = 16;

function aesName(mode: 'cbc' | 'gcm', key: Uint8Array): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new Error(`invalid AES key size ${key.length}`);
  return `aes-${key.length * 8}-${mode}`;
}

function cat(a: Buffer, b: Buffer): Uint8Array {
  return b.length === 0 ? a : Buffer.concat([a, b]);
}

export const nodeCipherAdapter: CipherAdapter = {
  aesCbcDecrypt(key, iv, data) {
    const d = createDecipheriv(aesName('cbc', key), key, iv).setAutoPadding(false);
    return cat(d.update(data), d.final());
  },
  aesCbcEncrypt(key, iv, data) {
    const c = createCipheriv(aesName('cbc', key), key, iv).setAutoPadding(false);
    return cat(c.update(data), c.final());
  },
  aesGcmOpen(key, nonce, sealed, aad) {
    if (sealed.length < GCM_TAG) throw new Error('the stored data was shorter than the required size');
    const d = createDecipheriv(aesName('gcm', key) as 'aes-256-gcm', key, nonce, { authTagLength: GCM_TAG });
    d.setAAD(aad);
    d.setAuthTag(sealed.subarray(sealed.length - GCM_TAG));
    const out = d.update(sealed.subarray(0, sealed.length - GCM_TAG));
    try {
      return cat(out, d.final());
    } catch {
      throw new Error('message authentication failed');
    }
  },
  aesGcmSeal(key, nonce, plain, aad) {
    const c = createCipheriv(aesName('gcm', key) as 'aes-256-gcm', key, nonce, { authTagLength: GCM_TAG });
    c.setAAD(aad);
    const body = c.update(plain);
    const fin = c.final();
    return Buffer.concat([body, fin, c.getAuthTag()]);
  },
  randomBytes(n) {
    return randomBytes(n);
  },
};

setCipherAdapter(nodeCipherAdapter);
