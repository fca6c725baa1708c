// Public API of src/proto: schemas (protobufjs reflection), gogoproto-exact decoding,
// the compact text printer etcd-dump-logs uses, JSON rendering, typed raft/WAL messages.
export { ProtoError, WireReader } from './wire.js';
export { root, messageType, PROTO2_TYPES, NULLABLE_FIELDS } from './schema.js';
export { decodeMessage, parsesAs, messageInfo, type DecodedMessage, type ProtoValue, type MessageInfo, type FieldInfo } from './decode.js';
export { compactText, textQuote, type TextOptions } from './text.js';
export { messageJson, bytesJson, SENSITIVE_FIELDS, type JsonOptions, type JsonBytes } from './json.js';
export * from './messages.js';
