// Go's time.Time.String() for a UTC instant given as Unix nanoseconds:
//   "2006-01-02 15:04:05.999999999 +0000 UTC" (fraction trimmed of trailing zeros, dropped when 0)
// etcd-dump-logs prints v2 SYNC requests' time this way.

export function goTimeStringUtc(unixNanos: bigint): string {
  const NS = 1_000_000_000n;
  let secs = unixNanos / NS;
  let nanos = unixNanos % NS;
  if (nanos < 0n) {
    nanos += NS;
    secs -= 1n;
  }
  const days = floorDiv(secs, 86400n);
  const rem = Number(secs - days * 86400n);
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(rem / 3600);
  const mm = Math.floor((rem % 3600) / 60);
  const ss = rem % 60;
  let frac = '';
  if (nanos !== 0n) frac = '.' + nanos.toString().padStart(9, '0').replace(/0+$/, '');
  const year = y < 0n ? '-' + (-y).toString().padStart(4, '0') : y.toString().padStart(4, '0');
  return `${year}-${p2(m)}-${p2(d)} ${p2(hh)}:${p2(mm)}:${p2(ss)}${frac} +0000 UTC`;
}

function p2(n: number): string {
  return n.toString().padStart(2, '0');
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Days since 1970-01-01 → proleptic Gregorian [year, month, day] (H. Hinnant's algorithm). */
function civilFromDays(z0: bigint): [bigint, number, number] {
  const z = z0 + 719468n;
  const era = floorDiv(z, 146097n);
  const doe = Number(z - era * 146097n);
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = BigInt(yoe) + era * 400n + (m <= 2 ? 1n : 0n);
  return [y, m, d];
}
