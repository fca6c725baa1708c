// Public API of src/mvcc (filled in by its layer).
export {};
