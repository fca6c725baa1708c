// Public API of src/k8s (filled in by its layer).
export {};
