// Protobuf rules that decide etcd-dump-logs' output, on hand-built bytes with literal
// expectations (wire format and gogoproto text-format facts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, parsesAs } from '../../src/proto/decode.js';
import { compactText, textQuote } from '../../src/proto/text.js';
import { messageJson } from '../../src/proto/json.js';
import { EntryView } from '../../src/wal/entry-kind.js';
import { entryJson } from '../../src/wal/entry-json.js';

const IRR = 'etcdserverpb.InternalRaftRequest';
const b = (...x: number[]): Uint8Array => Uint8Array.from(x);

test('a v2 Request does not parse as an InternalRaftRequest (wire-type rules)', () => {
  const req = b(0x12, 0x03, 0x50, 0x55, 0x54); // Request{Method:"PUT"}
  assert.ok(parsesAs('etcdserverpb.Request', req));
  assert.ok(!parsesAs(IRR, req), '"PUT" read as a nested Request hits an end-group tag');
  const view = new EntryView({ term: 1n, index: 1n, type: 0, data: req });
  assert.equal(view.normalKind(), 'Request');
  // a v3 put (IRR field 4, length-delimited) is also a valid v2 Request (field 4 = Val string)
  const put = b(0x22, 0x05, 0x0a, 0x01, 0x6b, 0x12, 0x00);
  assert.ok(parsesAs(IRR, put) && parsesAs('etcdserverpb.Request', put));
  assert.equal(new EntryView({ term: 1n, index: 1n, type: 0, data: put }).normalKind(), 'InternalRaftRequest');
});

test('wrong wire type, truncation and illegal wire types fail; unknown fields are skipped', () => {
  assert.ok(!parsesAs(IRR, b(0x18, 0x01)), 'range (field 3) as a varint');
  assert.ok(!parsesAs(IRR, b(0x22, 0x05, 0x0a)), 'length past the end');
  assert.ok(!parsesAs(IRR, b(0x0f)), 'wire type 7');
  assert.ok(!parsesAs(IRR, b(0x00)), 'field 0');
  assert.ok(parsesAs(IRR, b(0xf8, 0x07, 0x01)), 'unknown varint field 127 skipped');
  assert.ok(parsesAs(IRR, b(0xfb, 0x07, 0x08, 0x01, 0xfc, 0x07)), 'unknown group skipped');
  assert.ok(parsesAs(IRR, new Uint8Array(0)), 'empty message');
});

test('compact text: escapes, zero values, oneofs and empty messages', () => {
  // put:<key:"\000\n\"\\\177\351" lease:-1 >  with value empty (proto3 zero → omitted)
  const put = b(0x22, 0x15, 0x0a, 0x06, 0x00, 0x0a, 0x22, 0x5c, 0x7f, 0xe9, 0x12, 0x00, 0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  assert.equal(compactText(IRR, decodeMessage(IRR, put)), 'put:<key:"\\000\\n\\"\\\\\\177\\351" lease:-1 > ');
  // txn compare with a oneof member set to zero is printed: create_revision:0
  const txn = b(0x32, 0x06, 0x0a, 0x04, 0x10, 0x01, 0x28, 0x00);
  assert.equal(compactText(IRR, decodeMessage(IRR, txn)), 'txn:<compare:<target:CREATE create_revision:0 > > ');
  // an empty sub-message prints as <>
  assert.equal(compactText(IRR, decodeMessage(IRR, b(0x92, 0x45, 0x00))), 'auth_user_list:<> ');
  assert.equal(textQuote(b(0x41, 0x09, 0x0d, 0x27)), '"A\\t\\r\'"');
});

test('ConfChangeV2 entries are decoded for JSON', () => {
  // transition=JointImplicit, changes=[{type:AddLearnerNode, node_id:0x1234}], context="x"
  const data = b(0x08, 0x01, 0x12, 0x05, 0x08, 0x03, 0x10, 0xb4, 0x24, 0x1a, 0x01, 0x78);
  const j = entryJson(new EntryView({ term: 3n, index: 9n, type: 2, data }));
  assert.equal(j.type, 'EntryConfChangeV2');
  assert.equal(j.content, 'ConfChangeV2');
  assert.deepEqual(j.request, {
    transition: 'ConfChangeTransitionJointImplicit',
    changes: [{ type: 'ConfChangeAddLearnerNode', node_id: 0x1234n }],
    context: { base64: 'eA==', text: 'x' },
  });
  assert.deepEqual(messageJson('raftpb.ConfState', decodeMessage('raftpb.ConfState', b(0x0a, 0x02, 0x01, 0x02, 0x08, 0x03))), { voters: [1n, 2n, 3n] });
});
