// Schemas of the messages found in etcd's WAL and snapshots, written from the published
// field numbers (raft raftpb, etcd walpb/snappb/etcdserverpb/authpb/membershippb).
// Field order inside each message is the .proto declaration order: gogoproto's text
// printer walks Go struct fields in that order, so etcd-dump-logs output depends on it.
// Loaded into protobufjs reflection types; decoding itself is done by ./decode.ts with
// gogoproto's acceptance rules.
import protobuf from 'protobufjs';

type FieldDef = { type: string; id: number; rule?: 'repeated' };
type TypeDef = { fields: Record<string, FieldDef>; oneofs?: Record<string, { oneof: string[] }> };
type EnumDef = { values: Record<string, number> };

const f = (type: string, id: number): FieldDef => ({ type, id });
const rep = (type: string, id: number): FieldDef => ({ type, id, rule: 'repeated' });

const raftpb: Record<string, TypeDef | EnumDef> = {
  EntryType: { values: { EntryNormal: 0, EntryConfChange: 1, EntryConfChangeV2: 2 } },
  Entry: { fields: { Term: f('uint64', 2), Index: f('uint64', 3), Type: f('EntryType', 1), Data: f('bytes', 4) } },
  SnapshotMetadata: {
    fields: { conf_state: f('ConfState', 1), index: f('uint64', 2), term: f('uint64', 3) },
  },
  Snapshot: { fields: { data: f('bytes', 1), metadata: f('SnapshotMetadata', 2) } },
  HardState: { fields: { term: f('uint64', 1), vote: f('uint64', 2), commit: f('uint64', 3) } },
  ConfState: {
    fields: {
      voters: rep('uint64', 1),
      learners: rep('uint64', 2),
      voters_outgoing: rep('uint64', 3),
      learners_next: rep('uint64', 4),
      auto_leave: f('bool', 5),
    },
  },
  ConfChangeType: {
    values: { ConfChangeAddNode: 0, ConfChangeRemoveNode: 1, ConfChangeUpdateNode: 2, ConfChangeAddLearnerNode: 3 },
  },
  ConfChange: {
    fields: { ID: f('uint64', 1), Type: f('ConfChangeType', 2), NodeID: f('uint64', 3), Context: f('bytes', 4) },
  },
  ConfChangeTransition: {
    values: { ConfChangeTransitionAuto: 0, ConfChangeTransitionJointImplicit: 1, ConfChangeTransitionJointExplicit: 2 },
  },
  ConfChangeSingle: { fields: { type: f('ConfChangeType', 1), node_id: f('uint64', 2) } },
  ConfChangeV2: {
    fields: { transition: f('ConfChangeTransition', 1), changes: rep('ConfChangeSingle', 2), context: f('bytes', 3) },
  },
};

const walpb: Record<string, TypeDef> = {
  Record: { fields: { type: f('int64', 1), crc: f('uint32', 2), data: f('bytes', 3) } },
  Snapshot: { fields: { index: f('uint64', 1), term: f('uint64', 2), conf_state: f('raftpb.ConfState', 3) } },
};

const snappb: Record<string, TypeDef> = {
  snapshot: { fields: { crc: f('uint32', 1), data: f('bytes', 2) } },
};

const authpb: Record<string, TypeDef | EnumDef> = {
  UserAddOptions: { fields: { no_password: f('bool', 1) } },
  PermissionType: { values: { READ: 0, WRITE: 1, READWRITE: 2 } },
  Permission: { fields: { permType: f('PermissionType', 1), key: f('bytes', 2), range_end: f('bytes', 3) } },
};

const membershippb: Record<string, TypeDef> = {
  Attributes: { fields: { name: f('string', 1), client_urls: rep('string', 2) } },
  ClusterVersionSetRequest: { fields: { ver: f('string', 1) } },
  ClusterMemberAttrSetRequest: { fields: { member_ID: f('uint64', 1), member_attributes: f('Attributes', 2) } },
  DowngradeInfoSetRequest: { fields: { enabled: f('bool', 1), ver: f('string', 2) } },
};

const etcdserverpb: Record<string, TypeDef | EnumDef> = {
  // etcdserver.proto (proto2, gogoproto.nullable=false except PrevExist/Refresh)
  Request: {
    fields: {
      ID: f('uint64', 1),
      Method: f('string', 2),
      Path: f('string', 3),
      Val: f('string', 4),
      Dir: f('bool', 5),
      PrevValue: f('string', 6),
      PrevIndex: f('uint64', 7),
      PrevExist: f('bool', 8),
      Expiration: f('int64', 9),
      Wait: f('bool', 10),
      Since: f('uint64', 11),
      Recursive: f('bool', 12),
      Sorted: f('bool', 13),
      Quorum: f('bool', 14),
      Time: f('int64', 15),
      Stream: f('bool', 16),
      Refresh: f('bool', 17),
    },
  },
  Metadata: { fields: { NodeID: f('uint64', 1), ClusterID: f('uint64', 2) } },
  // raft_internal.proto
  RequestHeader: { fields: { ID: f('uint64', 1), username: f('string', 2), auth_revision: f('uint64', 3) } },
  InternalRaftRequest: {
    fields: {
      header: f('RequestHeader', 100),
      ID: f('uint64', 1),
      v2: f('Request', 2),
      range: f('RangeRequest', 3),
      put: f('PutRequest', 4),
      delete_range: f('DeleteRangeRequest', 5),
      txn: f('TxnRequest', 6),
      compaction: f('CompactionRequest', 7),
      lease_grant: f('LeaseGrantRequest', 8),
      lease_revoke: f('LeaseRevokeRequest', 9),
      alarm: f('AlarmRequest', 10),
      lease_checkpoint: f('LeaseCheckpointRequest', 11),
      auth_enable: f('AuthEnableRequest', 1000),
      auth_disable: f('AuthDisableRequest', 1011),
      auth_status: f('AuthStatusRequest', 1013),
      authenticate: f('InternalAuthenticateRequest', 1012),
      auth_user_add: f('AuthUserAddRequest', 1100),
      auth_user_delete: f('AuthUserDeleteRequest', 1101),
      auth_user_get: f('AuthUserGetRequest', 1102),
      auth_user_change_password: f('AuthUserChangePasswordRequest', 1103),
      auth_user_grant_role: f('AuthUserGrantRoleRequest', 1104),
      auth_user_revoke_role: f('AuthUserRevokeRoleRequest', 1105),
      auth_user_list: f('AuthUserListRequest', 1106),
      auth_role_list: f('AuthRoleListRequest', 1107),
      auth_role_add: f('AuthRoleAddRequest', 1200),
      auth_role_delete: f('AuthRoleDeleteRequest', 1201),
      auth_role_get: f('AuthRoleGetRequest', 1202),
      auth_role_grant_permission: f('AuthRoleGrantPermissionRequest', 1203),
      auth_role_revoke_permission: f('AuthRoleRevokePermissionRequest', 1204),
      cluster_version_set: f('membershippb.ClusterVersionSetRequest', 1300),
      cluster_member_attr_set: f('membershippb.ClusterMemberAttrSetRequest', 1301),
      downgrade_info_set: f('membershippb.DowngradeInfoSetRequest', 1302),
      downgrade_version_test: f('DowngradeVersionTestRequest', 9900),
    },
  },
  InternalAuthenticateRequest: { fields: { name: f('string', 1), password: f('string', 2), simple_token: f('string', 3) } },
  DowngradeVersionTestRequest: { fields: { ver: f('string', 1) } },
  // rpc.proto
  SortOrder: { values: { NONE: 0, ASCEND: 1, DESCEND: 2 } },
  SortTarget: { values: { KEY: 0, VERSION: 1, CREATE: 2, MOD: 3, VALUE: 4 } },
  RangeRequest: {
    fields: {
      key: f('bytes', 1),
      range_end: f('bytes', 2),
      limit: f('int64', 3),
      revision: f('int64', 4),
      sort_order: f('SortOrder', 5),
      sort_target: f('SortTarget', 6),
      serializable: f('bool', 7),
      keys_only: f('bool', 8),
      count_only: f('bool', 9),
      min_mod_revision: f('int64', 10),
      max_mod_revision: f('int64', 11),
      min_create_revision: f('int64', 12),
      max_create_revision: f('int64', 13),
    },
  },
  PutRequest: {
    fields: {
      key: f('bytes', 1),
      value: f('bytes', 2),
      lease: f('int64', 3),
      prev_kv: f('bool', 4),
      ignore_value: f('bool', 5),
      ignore_lease: f('bool', 6),
    },
  },
  DeleteRangeRequest: { fields: { key: f('bytes', 1), range_end: f('bytes', 2), prev_kv: f('bool', 3) } },
  RequestOp: {
    fields: {
      request_range: f('RangeRequest', 1),
      request_put: f('PutRequest', 2),
      request_delete_range: f('DeleteRangeRequest', 3),
      request_txn: f('TxnRequest', 4),
    },
    oneofs: { request: { oneof: ['request_range', 'request_put', 'request_delete_range', 'request_txn'] } },
  },
  CompareResult: { values: { EQUAL: 0, GREATER: 1, LESS: 2, NOT_EQUAL: 3 } },
  CompareTarget: { values: { VERSION: 0, CREATE: 1, MOD: 2, VALUE: 3, LEASE: 4 } },
  Compare: {
    fields: {
      result: f('CompareResult', 1),
      target: f('CompareTarget', 2),
      key: f('bytes', 3),
      version: f('int64', 4),
      create_revision: f('int64', 5),
      mod_revision: f('int64', 6),
      value: f('bytes', 7),
      lease: f('int64', 8),
      range_end: f('bytes', 64),
    },
    oneofs: { target_union: { oneof: ['version', 'create_revision', 'mod_revision', 'value', 'lease'] } },
  },
  TxnRequest: { fields: { compare: rep('Compare', 1), success: rep('RequestOp', 2), failure: rep('RequestOp', 3) } },
  CompactionRequest: { fields: { revision: f('int64', 1), physical: f('bool', 2) } },
  LeaseGrantRequest: { fields: { TTL: f('int64', 1), ID: f('int64', 2) } },
  LeaseRevokeRequest: { fields: { ID: f('int64', 1) } },
  LeaseCheckpoint: { fields: { ID: f('int64', 1), remaining_TTL: f('int64', 2) } },
  LeaseCheckpointRequest: { fields: { checkpoints: rep('LeaseCheckpoint', 1) } },
  AlarmAction: { values: { GET: 0, ACTIVATE: 1, DEACTIVATE: 2 } },
  AlarmType: { values: { NONE: 0, NOSPACE: 1, CORRUPT: 2 } },
  AlarmRequest: { fields: { action: f('AlarmAction', 1), memberID: f('uint64', 2), alarm: f('AlarmType', 3) } },
  AuthEnableRequest: { fields: {} },
  AuthDisableRequest: { fields: {} },
  AuthStatusRequest: { fields: {} },
  AuthUserAddRequest: {
    fields: {
      name: f('string', 1),
      password: f('string', 2),
      options: f('authpb.UserAddOptions', 3),
      hashedPassword: f('string', 4),
    },
  },
  AuthUserGetRequest: { fields: { name: f('string', 1) } },
  AuthUserDeleteRequest: { fields: { name: f('string', 1) } },
  AuthUserChangePasswordRequest: {
    fields: { name: f('string', 1), password: f('string', 2), hashedPassword: f('string', 3) },
  },
  AuthUserGrantRoleRequest: { fields: { user: f('string', 1), role: f('string', 2) } },
  AuthUserRevokeRoleRequest: { fields: { name: f('string', 1), role: f('string', 2) } },
  AuthRoleAddRequest: { fields: { name: f('string', 1) } },
  AuthRoleGetRequest: { fields: { role: f('string', 1) } },
  AuthUserListRequest: { fields: {} },
  AuthRoleListRequest: { fields: {} },
  AuthRoleDeleteRequest: { fields: { role: f('string', 1) } },
  AuthRoleGrantPermissionRequest: { fields: { name: f('string', 1), perm: f('authpb.Permission', 2) } },
  AuthRoleRevokePermissionRequest: { fields: { role: f('string', 1), key: f('bytes', 2), range_end: f('bytes', 3) } },
};

/** Messages declared in proto2 files: their non-pointer scalar fields print even when zero. */
export const PROTO2_TYPES: ReadonlySet<string> = new Set([
  'raftpb.Entry',
  'raftpb.SnapshotMetadata',
  'raftpb.Snapshot',
  'raftpb.HardState',
  'raftpb.ConfState',
  'raftpb.ConfChange',
  'raftpb.ConfChangeSingle',
  'raftpb.ConfChangeV2',
  'walpb.Record',
  'walpb.Snapshot',
  'snappb.snapshot',
  'etcdserverpb.Request',
  'etcdserverpb.Metadata',
]);

/** proto2 fields generated as Go pointers (gogoproto.nullable=true): printed only when present. */
export const NULLABLE_FIELDS: ReadonlySet<string> = new Set(['etcdserverpb.Request.PrevExist', 'etcdserverpb.Request.Refresh']);

function ns(types: Record<string, TypeDef | EnumDef>): { nested: Record<string, TypeDef | EnumDef> } {
  return { nested: types };
}

/** The protobufjs root holding every schema above. */
export const root: protobuf.Root = protobuf.Root.fromJSON({
  nested: {
    raftpb: ns(raftpb),
    walpb: ns(walpb),
    snappb: ns(snappb),
    authpb: ns(authpb),
    membershippb: ns(membershippb),
    etcdserverpb: ns(etcdserverpb),
  },
});
root.resolveAll();

export function messageType(fullName: string): protobuf.Type {
  return root.lookupType(fullName);
}
