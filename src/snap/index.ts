// Public API of src/snap: raft `.snap` files (CRC-verified), etcd's newest-first load,
// the snap directory listing and a summary of the v2-store payload.
export { readSnapFile, decodeSnapBytes, MAX_SNAP_BYTES, type RaftSnapshot } from './snap-file.js';
export { listSnapDir, parseSnapName, snapName, type SnapDirListing, type SnapFileName } from './names.js';
export { loadNewestSnapshot, readAllSnapshots, type SnapLoadResult } from './load.js';
export { summarizeSnapPayload, type SnapPayloadSummary, type SnapMember } from './payload.js';
