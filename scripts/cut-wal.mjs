#!/usr/bin/env node
// Cuts a preallocated WAL segment after its last record, rounded up to 4 KiB.
// Frame = int64 LE length (top byte 0x80|pad when padded) + record + padding; a zero
// length ends the records. Used only by make-demo-fixture.sh on files it just wrote.
import { openSync, readSync, fstatSync, ftruncateSync, closeSync } from 'node:fs';

const file = process.argv[2];
const fd = openSync(file, 'r+');
const size = fstatSync(fd).size;
const head = Buffer.alloc(8);
let off = 0;
while (off + 8 <= size) {
  readSync(fd, head, 0, 8, off);
  const raw = head.readBigUInt64LE(0);
  if (raw === 0n) break;
  const len = Number(raw & 0x00ffffffffffffffn);
  const pad = raw & 0x8000000000000000n ? Number((raw >> 56n) & 0x7n) : 0;
  if (off + 8 + len + pad > size) break;
  off += 8 + len + pad;
}
const cut = Math.min(size, Math.ceil(off / 4096) * 4096);
ftruncateSync(fd, cut);
closeSync(fd);
console.log(`${file}: records end at ${off}, cut to ${cut}`);
