// Public API of src/bolt.
export * from './types.js';
