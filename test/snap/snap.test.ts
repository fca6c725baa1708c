// `snap` on the fixtures' raft snapshots: term/index from the file names, voters and
// members from etcdctl's member list, the cluster version etcdctl reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sharedPath } from '../helpers.js';

test('snap -o json on every etcd-small .snap', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small/data/member/snap');
  if (!dir) return;
  const members = JSON.parse(readFileSync(sharedPath('fixtures', 'etcd-small', 'oracle', 'member-list.json'), 'utf8')) as {
    members: { ID: number | string; name: string; peerURLs: string[]; clientURLs: string[] }[];
  };
  // etcdctl prints the 64-bit member ID as a JSON number: take its digits from the text.
  const idText = /"members":\[\{"ID":(\d+)/.exec(readFileSync(sharedPath('fixtures', 'etcd-small', 'oracle', 'member-list.json'), 'utf8'))![1]!;
  const idHex = BigInt(idText).toString(16);
  const snaps = readdirSync(dir).filter((n) => n.endsWith('.snap'));
  assert.equal(snaps.length, 3);
  for (const name of snaps) {
    const r = await runCli(['snap', '-o', 'json', join(dir, name)]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout.toString());
    const [term, index] = name.replace('.snap', '').split('-').map((h) => BigInt('0x' + h));
    assert.equal(BigInt(j.term), term);
    assert.equal(BigInt(j.index), index);
    assert.equal(j.crc_ok, true);
    assert.deepEqual(j.conf_state.voters, [idHex]);
    assert.equal(j.payload.format, 'v2-store-json');
    assert.equal(j.payload.members.length, 1);
    assert.equal(j.payload.members[0].id, idHex);
    assert.equal(j.payload.members[0].name, members.members[0]!.name);
    assert.deepEqual(j.payload.members[0].peerURLs, members.members[0]!.peerURLs);
    assert.deepEqual(j.payload.members[0].clientURLs, members.members[0]!.clientURLs);
  }
  const text = await runCli(['snap', join(dir, '0000000000000002-000000000000012f.snap')]);
  assert.match(text.stdout.toString(), /^Index: +303$/m);
});
