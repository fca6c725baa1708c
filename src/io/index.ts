export * from './byte-source.js';
export * from './byte-reader.js';
export * from './crc32c.js';
export * from './fnv64a.js';
export * from './go-quote.js';
export * from './json.js';
export * from './paths.js';
export * from './go-unicode13.js';
