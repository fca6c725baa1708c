// Public API of src/bolt (filled in by its layer).
export {};
