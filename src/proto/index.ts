// Public API of src/proto (filled in by its layer).
export {};
