// Public API of src/wal (filled in by its layer).
export {};
