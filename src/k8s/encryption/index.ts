// Encryption at rest: the apiserver's EncryptionConfiguration, decrypt and encrypt of stored values.
export { loadEncryptionConfig, parseGroupResource, EncryptionConfigError, NamedKey } from './config.js';
export type { EncryptionConfig, ProviderConfig, ResourceRule, GroupResource, KeyedProviderType } from './config.js';
export { decryptStorageValue, encryptStorageValue, parseEncryptionEnvelope, DecryptionError } from './transformers.js';
export type { StorageCryptoOptions, DecryptedValue, EncryptionEnvelope } from './transformers.js';
export { parseKmsV2Envelope, parseKmsV1Envelope } from './kms.js';
export type { KmsV2Envelope, KmsV1Envelope } from './kms.js';
export { groupResourceForKey } from './resource.js';
export { setCipherAdapter } from './cipher.js';
export type { CipherAdapter } from './cipher.js';
