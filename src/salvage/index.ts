// Public API of src/salvage: every readable entry of a damaged etcd db, and the report.
export { salvageDb, Salvage, type SalvageOptions, type SalvageReport, type SalvagedRevision, type SalvagedEntry, type PageReport, type PageKind, type LostRange } from './salvage.js';
export { probePageSize, type PageSizeProbe, type PageSizeSource } from './probe.js';
export { revisionShape, fitsBucket, guessBucket } from './shapes.js';
export { exportObjects, exportSegments, type ExportResult } from './export.js';
