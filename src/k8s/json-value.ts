// Moved to src/io/json-value.ts (shared with mvcc); kept while k8s modules still import it here.
export * from '../io/json-value.js';
