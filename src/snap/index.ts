// Public API of src/snap (filled in by its layer).
export {};
