// Public API of src/replay: etcd's apply loop over the WAL, offline, and the Kubernetes timeline built on it.
export { ReplayState, compareLatin1, type LeaseState, type MemberChange } from './state.js';
export { applyInternalRequest, type KeyChange, type ApplyResult, type ApplyErrorName } from './apply.js';
export {
  replayWal,
  loadDbState,
  Replay,
  type ReplayOptions,
  type AppliedEntry,
  type EntryKind,
  type ReplayFinding,
  type FindingCode,
  type ReplayStart,
  type ReplaySummary,
} from './replay.js';
export { etcdctlKvs, type EtcdctlKv } from './render.js';
export { writeReplayedDb, type ReplayDbInput } from './to-db.js';
export { timeline, timelineOf, diffObjects, type TimelineRow, type TimelineOptions } from './timeline.js';
