// dump-logs --raw against the fixtures' frame listings (ref/walinfo.out): every frame's
// offset, length field, sizes, type and stored CRC; the expected CRC wherever the chain
// is intact; and salvage: frames after the damaged one are listed too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requireShared, runCli, sharedPath } from '../helpers.js';
import { ETCD_FIXTURES } from './fixtures.js';

interface Frame {
  file: string;
  offset: number;
  len_field?: string;
  rec_bytes: number;
  pad_bytes: number;
  type?: string;
  crc?: number;
  crc_expected?: number;
  crc_ok?: boolean;
  end?: string;
  error?: string;
}

function walinfo(fixture: string): Frame[] {
  return readFileSync(sharedPath('fixtures', fixture, 'ref', 'walinfo.out'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Frame);
}

for (const fixture of ETCD_FIXTURES) {
  test(`dump-logs --raw lists the frames of ${fixture}`, async (t) => {
    const data = requireShared(t, `fixtures/${fixture}/data`);
    if (!data) return;
    const r = await runCli(['dump-logs', '--raw', '-o', 'json', data]);
    const events = r.stdout
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const ours = events.filter((e) => e.kind === 'record') as unknown as Frame[];
    const ref = walinfo(fixture).filter((f) => f.type !== undefined);
    assert.equal(ours.length, ref.length, 'frame count');
    let chainIntact = true;
    for (let i = 0; i < ref.length; i++) {
      const a = ours[i]!;
      const b = ref[i]!;
      assert.equal(a.offset, b.offset, `frame ${i} offset`);
      assert.equal(a.len_field, b.len_field, `frame ${i} len_field`);
      assert.equal(a.rec_bytes, b.rec_bytes);
      assert.equal(a.pad_bytes, b.pad_bytes);
      assert.equal(a.type, b.type);
      assert.equal(a.crc, b.crc, `frame ${i} stored crc`);
      if (chainIntact) {
        assert.equal(a.crc_expected, b.crc_expected, `frame ${i} expected crc`);
        assert.equal(a.crc_ok, b.crc_ok);
      }
      if (b.crc_ok === false) chainIntact = false; // the reference listing does not re-seed after damage
    }
    const clean = fixture === 'etcd-small' || fixture === 'etcd-k8s';
    assert.equal(r.code, clean ? 0 : 1);
    if (fixture === 'etcd-small-corrupt') {
      const bad = ours.filter((f) => f.crc_ok === false);
      assert.equal(bad.length, 1, 'one damaged frame; later frames verify after re-seeding');
      assert.ok(ours.some((f) => f.offset > bad[0]!.offset), 'frames after the damaged one are listed (salvage)');
      assert.equal(ours[ours.length - 1]!.offset, ref[ref.length - 1]!.offset, 'listing reaches the last frame');
    }
  });
}

test('dump-logs --raw text names the damaged frame', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-small-corrupt/data');
  if (!data) return;
  const r = await runCli(['dump-logs', '--raw', data]);
  const out = r.stdout.toString();
  assert.match(out, /^0000000000000000-0000000000000000\.wal @18968 rec=340 len=63 pad=1 type=entry crc=0x45ead1d0 expected=0x[0-9a-f]{8} MISMATCH/m);
  assert.match(out, /^!! crc-mismatch 0000000000000000-0000000000000000\.wal @18968/m);
  assert.match(out, /^0000000000000000-0000000000000000\.wal @38400 .* ok /m);
});
