// Public API of the Kubernetes storage codec.
export { decodeStorageValue, toJson, toCompactJson, toYaml, encodeStorageValue, describeUndecodable, K8S_MAGIC } from './storage.js';
export type { DecodedValue, StorageEncoding, EncodeOptions } from './storage.js';
export { RawJson } from './decode.js';
export { yamlToJsonText } from './yaml-input.js';
export type { K8sValue, K8sObject } from './decode.js';
export { builtinSchema, loadSchema, lookupKind, schemaForRelease } from './schema.js';
export type { K8sSchema, MessageType, FieldSpec, ValueSpec } from './schema.js';
export * from './encryption/index.js';
