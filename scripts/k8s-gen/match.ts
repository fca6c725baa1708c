// Walks one object's protobuf bytes and its JSON rendering together and records, per
// message, which field number carries which JSON name, its wire kind and special type.
//
// Evidence used (see ../shared/README.md): string values are `<jsonName>Value` or unique
// counters, integers are unique, timestamps encode the field number in the year. Every
// wire field is matched to the JSON key whose value it reproduces exactly; messages are
// matched by the overlap of their leaf values ("fingerprints"); ties (booleans, two fields
// of one message type with equal content) are broken by order: Go struct order follows
// field numbers. Names already learned from newer releases take precedence.
import { tryParseWire, utf8OrUndefined, type WireField } from '../../src/k8s/wire.js';
import { JNum, JObj, jsonEqual, parseJson, type JValue } from '../../src/io/json-value.js';
import { formatGoDuration } from '../../src/k8s/go-format.js';
import { GenNode, type GenSpec } from './model.js';

interface Group {
  no: number;
  occ: WireField[];
}

interface ValueMatch {
  score: number;
  code: string;
  /** For 'w': the element code. */
  elem?: string;
}

interface GroupMatch extends ValueMatch {
  repeated: boolean;
  map: boolean;
  packed: boolean;
}

interface Candidate extends GroupMatch {
  /** Score before a tie-break nudge (ties stay weak evidence). */
  baseScore?: number;
  group: Group;
  key: string;
  keyIndex: number;
}

const DATE_RE = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$/;

function dateParts(s: string): { seconds: bigint; nanos: number; micro: boolean } | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const frac = m[7] ?? '';
  return { seconds: BigInt(ms / 1000), nanos: frac ? Number(frac.padEnd(9, '0').slice(0, 9)) : 0, micro: frac.length === 6 };
}

function base64(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('base64');
}

export class Matcher {
  private pbPrints = new Map<string, Set<string>>();
  private jsonPrints = new WeakMap<object, Set<string>>();
  unmatched: string[] = [];

  constructor(
    private readonly buf: Uint8Array,
    /** Index of the release being read (0 = newest). */
    private readonly release = 0,
  ) {}

  // ---- fingerprints ----

  private fpPb(s: number, e: number, depth = 0): Set<string> {
    const key = `${s}:${e}`;
    const hit = this.pbPrints.get(key);
    if (hit) return hit;
    const out = new Set<string>();
    const fields = depth < 64 ? tryParseWire(this.buf, s, e) : undefined;
    for (const f of fields ?? []) {
      if (f.wireType === 0) out.add('n:' + f.value);
      else if (f.wireType === 2) {
        const str = utf8OrUndefined(this.buf, f.start, f.end);
        out.add('s:' + (str ?? base64(this.buf, f.start, f.end)));
        if (str !== undefined && (str.startsWith('{') || str.startsWith('['))) {
          try {
            for (const t of this.fpJson(parseJson(str))) out.add(t);
          } catch {
            /* not JSON */
          }
        }
        if (f.end > f.start) for (const t of this.fpPb(f.start, f.end, depth + 1)) out.add(t);
      }
    }
    this.pbPrints.set(key, out);
    return out;
  }

  private fpJson(v: JValue): Set<string> {
    if (v !== null && typeof v === 'object' && !(v instanceof JNum)) {
      const hit = this.jsonPrints.get(v);
      if (hit) return hit;
      const out = new Set<string>();
      const vals = Array.isArray(v) ? v : [...v.map.values()];
      for (const x of vals) for (const t of this.fpJson(x)) out.add(t);
      this.jsonPrints.set(v, out);
      return out;
    }
    const out = new Set<string>();
    if (typeof v === 'string') {
      out.add('s:' + v);
      const d = dateParts(v);
      if (d) {
        out.add('n:' + d.seconds);
        out.add('n:' + d.nanos);
      }
    } else if (v instanceof JNum) out.add('n:' + v.text);
    else if (v === true) out.add('n:1');
    else if (v === false) out.add('n:0');
    return out;
  }

  private static f1(a: Set<string>, b: Set<string>): number {
    if (a.size === 0 && b.size === 0) return 0.3;
    let inter = 0;
    for (const t of b) if (a.has(t)) inter++;
    return (2 * inter) / (a.size + b.size);
  }

  // ---- value matching ----

  /** How well one wire field reproduces JSON value `v`, and as what. */
  matchValue(f: WireField, v: JValue): ValueMatch | undefined {
    const buf = this.buf;
    if (f.wireType === 0) {
      if (v instanceof JNum && /^-?\d+$/.test(v.text) && BigInt(v.text) === f.value) return { score: 1, code: 'i' };
      if (v === true && f.value === 1n) return { score: 0.5, code: 'B' };
      if (v === false && f.value === 0n) return { score: 0.5, code: 'B' };
      return undefined;
    }
    if (f.wireType === 1 || f.wireType === 5) {
      if (!(v instanceof JNum)) return undefined;
      const dv = new DataView(buf.buffer, buf.byteOffset + f.start, f.end - f.start);
      const x = f.wireType === 1 ? dv.getFloat64(0, true) : dv.getFloat32(0, true);
      if (Math.abs(x - Number(v.text)) <= Math.abs(x) * 1e-6) return { score: 1, code: f.wireType === 1 ? 'd' : 'f' };
      return undefined;
    }
    if (f.wireType !== 2) return undefined;
    const { start: s, end: e } = f;
    if (typeof v === 'string') {
      const str = utf8OrUndefined(buf, s, e);
      if (str === v) return { score: 1, code: 's' };
      if (base64(buf, s, e) === v) return { score: 1, code: 'b' };
      const sub = tryParseWire(buf, s, e);
      if (!sub) return undefined;
      const by = new Map(sub.map((x) => [x.no, x]));
      const d = dateParts(v);
      if (d && by.get(1)?.wireType === 0 && by.get(1)!.value === d.seconds && Number(by.get(2)?.value ?? 0n) === d.nanos) {
        return { score: 1, code: d.micro ? 'T' : 't' };
      }
      const f1 = by.get(1);
      if (sub.length === 1 && f1?.wireType === 2 && utf8OrUndefined(buf, f1.start, f1.end) === v) return { score: 1, code: 'q' };
      if (sub.length === 1 && f1?.wireType === 0 && formatGoDuration(f1.value) === v) return { score: 1, code: 'D' };
      const f3 = by.get(3);
      if (by.get(1)?.value === 1n && f3?.wireType === 2 && utf8OrUndefined(buf, f3.start, f3.end) === v) return { score: 1, code: 'x' };
      return undefined;
    }
    if (v instanceof JNum) {
      const sub = tryParseWire(buf, s, e);
      if (!sub) return undefined;
      const by = new Map(sub.map((x) => [x.no, x]));
      if ((by.get(1)?.value ?? 0n) === 0n && /^-?\d+$/.test(v.text) && (by.get(2)?.value ?? 0n) === BigInt(v.text)) return { score: 1, code: 'x' };
      return undefined;
    }
    if (v === null) {
      if (e === s) return { score: 0.5, code: 'z' };
      return undefined;
    }
    if (Array.isArray(v)) {
      // a message wrapping `repeated T items = 1`, rendered as a plain array
      const sub = tryParseWire(buf, s, e);
      if (!sub || sub.length !== v.length || v.length === 0 || sub.some((x) => x.no !== 1)) return undefined;
      let score = 1;
      let elem: string | undefined;
      for (let i = 0; i < sub.length; i++) {
        const m = this.matchValue(sub[i]!, v[i]!);
        if (!m || m.code === 'm') return undefined;
        score = Math.min(score, m.score);
        elem = m.code;
      }
      return { score: score * 0.95, code: 'w', elem: elem! };
    }
    if (v instanceof JObj) {
      const sub = tryParseWire(buf, s, e);
      if (!sub) return undefined;
      // metav1.Fields (managedFields[].fields of 1.14/1.15): `map<string, Fields> map = 1`, rendered as the map itself
      if (v.map.size > 0 && this.isFieldsSet(s, e, v, 0)) return { score: 1, code: 'F' };
      if (sub.length === 1 && sub[0]!.no === 1 && sub[0]!.wireType === 2) {
        const text = utf8OrUndefined(buf, sub[0]!.start, sub[0]!.end);
        if (text !== undefined) {
          try {
            if (jsonEqual(parseJson(text), v)) return { score: 1, code: 'r' };
          } catch {
            /* not raw JSON */
          }
        }
      }
      const shape = this.shapeScore(sub, v);
      return { score: 0.99 * (0.5 * Matcher.f1(this.fpPb(s, e), this.fpJson(v)) + 0.5 * shape), code: 'm' };
    }
    return undefined;
  }

  /**
   * [s, e) is a metav1.Fields whose JSON is v: only map entries at field 1, one per JSON key
   * ({1: key, 2: Fields}), each value again a Fields (an empty one renders null).
   */
  private isFieldsSet(s: number, e: number, v: JValue, depth: number): boolean {
    if (depth > 32) return false;
    const sub = tryParseWire(this.buf, s, e);
    if (!sub) return false;
    if (v === null) return sub.length === 0;
    if (!(v instanceof JObj) || sub.length !== v.map.size) return false;
    const seen = new Set<string>();
    for (const entry of sub) {
      if (entry.no !== 1 || entry.wireType !== 2) return false;
      const kv = tryParseWire(this.buf, entry.start, entry.end);
      const k = kv?.find((x) => x.no === 1 && x.wireType === 2);
      const key = k ? utf8OrUndefined(this.buf, k.start, k.end) : undefined;
      if (!kv || key === undefined || seen.has(key) || !v.map.has(key) || kv.some((x) => x.no > 2 || x.wireType !== 2)) return false;
      seen.add(key);
      const val = kv.find((x) => x.no === 2);
      if (!this.isFieldsSet(val?.start ?? 0, val?.end ?? 0, v.map.get(key)!, depth + 1)) return false;
    }
    return true;
  }

  /** Share of direct wire fields that have a same-kind direct JSON value (structure, not leaves). */
  private shapeScore(sub: WireField[], v: JObj): number {
    if (sub.length === 0 && v.map.size === 0) return 1;
    const vals = [...v.map.values()];
    let ok = 0;
    for (const f of sub) {
      if (f.wireType === 0) {
        if (vals.some((x) => (x instanceof JNum && /^-?\d+$/.test(x.text) && BigInt(x.text) === f.value) || (x === true && f.value === 1n) || (x === false && f.value === 0n))) ok++;
      } else if (f.wireType === 2) {
        const str = utf8OrUndefined(this.buf, f.start, f.end);
        if (vals.some((x) => (typeof x === 'string' && (x === str || x === base64(this.buf, f.start, f.end))) || x instanceof JObj || Array.isArray(x))) ok++;
        else if (tryParseWire(this.buf, f.start, f.end) && vals.some((x) => typeof x === 'string' || x instanceof JNum || x === null)) ok++;
      } else ok++;
    }
    return ok / Math.max(sub.length, v.map.size);
  }

  private matchGroup(g: Group, v: JValue): GroupMatch | undefined {
    const plain = { repeated: false, map: false, packed: false };
    if (Array.isArray(v)) {
      if (v.length === 0) return undefined;
      if (v.length === g.occ.length) {
        let score = 1;
        let code: string | undefined;
        let elem: string | undefined;
        for (let i = 0; i < v.length; i++) {
          const m = this.matchValue(g.occ[i]!, v[i]!);
          if (!m || (code !== undefined && code !== m.code && !(code === 'z' || m.code === 'z'))) {
            code = undefined;
            break;
          }
          score = Math.min(score, m.score);
          if (code === undefined || code === 'z') code = m.code;
          elem = m.elem;
        }
        if (code !== undefined) return { score, code, ...(elem ? { elem } : {}), ...plain, repeated: true };
      }
      if (g.occ.length === 1) {
        const m = this.matchValue(g.occ[0]!, v);
        if (m) return { ...m, ...plain };
      }
      return undefined;
    }
    if (v instanceof JObj && g.occ.every((o) => o.wireType === 2)) {
      let mapMatch: GroupMatch | undefined;
      if (g.occ.length === v.map.size) {
        let score = 1;
        let code: string | undefined;
        let elem: string | undefined;
        const seen = new Set<string>();
        for (const o of g.occ) {
          const sub = tryParseWire(this.buf, o.start, o.end);
          const k = sub?.find((x) => x.no === 1 && x.wireType === 2);
          const key = k ? utf8OrUndefined(this.buf, k.start, k.end) : undefined;
          if (!sub || key === undefined || seen.has(key) || !v.map.has(key) || sub.some((x) => x.no > 2)) {
            code = undefined;
            score = 0;
            break;
          }
          seen.add(key);
          const val = sub.find((x) => x.no === 2);
          const jv = v.map.get(key)!;
          let m: ValueMatch | undefined;
          if (val) m = this.matchValue(val, jv);
          else if (jv === '' || jv === null) m = { score: 0.5, code: code ?? 's' };
          if (!m) {
            code = undefined;
            score = 0;
            break;
          }
          score = Math.min(score, m.score + 0.01);
          if (code === undefined || code === 'z') code = m.code;
          elem = m.elem;
        }
        if (code !== undefined && score > 0) mapMatch = { score: Math.min(1, score), code, ...(elem ? { elem } : {}), ...plain, map: true };
      }
      let msgMatch: GroupMatch | undefined;
      if (g.occ.length === 1) {
        const m = this.matchValue(g.occ[0]!, v);
        if (m) msgMatch = { ...m, ...plain };
      }
      if (mapMatch && (!msgMatch || mapMatch.score >= msgMatch.score)) return mapMatch;
      return msgMatch;
    }
    if (g.occ.length === 1) {
      const m = this.matchValue(g.occ[0]!, v);
      if (m) return { ...m, ...plain };
    }
    return undefined;
  }

  // ---- message matching ----

  /** Matches the message in [s, e) against `obj`; returns the JSON keys it accounts for. */
  matchMessage(s: number, e: number, obj: JObj, node: GenNode, exclude: ReadonlySet<string>, depth = 0): Set<string> {
    const claimed = new Set<string>();
    const fields = tryParseWire(this.buf, s, e);
    if (!fields || depth > 60) return claimed;
    node.instances++;
    node.instancesIn.set(this.release, (node.instancesIn.get(this.release) ?? 0) + 1);
    for (const no of new Set(fields.map((f) => f.no))) {
      const f = node.field(no);
      f.presentIn.set(this.release, (f.presentIn.get(this.release) ?? 0) + 1);
    }
    const groups = new Map<number, Group>();
    for (const f of fields) {
      let g = groups.get(f.no);
      if (!g) groups.set(f.no, (g = { no: f.no, occ: [] }));
      g.occ.push(f);
    }
    const keys = obj.keys.filter((k) => !exclude.has(k));
    const knownName = new Map<string, number>();
    for (const [no, f] of node.fields) if (f.strongName !== undefined && !f.inline) knownName.set(f.strongName, no);
    const cands: Candidate[] = [];
    for (const g of groups.values()) {
      keys.forEach((key, keyIndex) => {
        const owner = knownName.get(key);
        if (owner !== undefined && owner !== g.no) return;
        const m = this.matchGroup(g, obj.get(key)!);
        if (!m) return;
        if (owner === g.no) m.score += 2;
        cands.push({ ...m, group: g, key, keyIndex });
      });
    }
    // inline (embedded struct) candidates: a message whose leaves cover several parent keys
    const exactKeys = new Set(cands.filter((c) => c.score >= 1 && c.code !== 'm').map((c) => c.key));
    const inlineGroups: Group[] = [];
    for (const g of groups.values()) {
      const known = node.fields.get(g.no);
      if (known && known.name !== undefined && !known.inline) continue;
      if (g.occ.length !== 1 || g.occ[0]!.wireType !== 2 || g.occ[0]!.end === g.occ[0]!.start) continue;
      if (!tryParseWire(this.buf, g.occ[0]!.start, g.occ[0]!.end)) continue;
      const rest = keys.filter((k) => !exactKeys.has(k));
      if (known?.inline) {
        inlineGroups.push(g);
        continue;
      }
      if (rest.length < 2) continue;
      const tokens = new Set<string>();
      for (const k of rest) for (const t of this.fpJson(obj.get(k)!)) tokens.add(t);
      const score = Matcher.f1(this.fpPb(g.occ[0]!.start, g.occ[0]!.end), tokens);
      const pbPrint = this.fpPb(g.occ[0]!.start, g.occ[0]!.end);
      const best = Math.max(0, ...keys.map((k) => Matcher.f1(pbPrint, this.fpJson(obj.get(k)!))));
      if (score > best + 0.1 && score >= 0.4) inlineGroups.push(g);
    }
    const inlineSet = new Set(inlineGroups);
    cands.sort((a, b) => b.score - a.score || a.group.no - b.group.no || a.keyIndex - b.keyIndex);
    const assigned = new Map<Group, Candidate>();
    const tied = new Set<Group>();
    const sameScore = new Map<string, number>();
    for (const c of cands) {
      if (inlineSet.has(c.group)) continue;
      for (const k of [`g${c.group.no}:${c.score}`, `k${c.key}:${c.score}`]) sameScore.set(k, (sameScore.get(k) ?? 0) + 1);
    }
    this.breakTiesByAdjacency(cands, sameScore, keys, inlineSet);
    cands.sort((a, b) => b.score - a.score || a.group.no - b.group.no || a.keyIndex - b.keyIndex);
    for (const c of cands) {
      if (inlineSet.has(c.group) || assigned.has(c.group) || claimed.has(c.key)) continue;
      if (c.code === 'm' && c.score < 0.2) continue;
      // a tie: another free group or key scores the same (identical content, booleans)
      const sc = c.baseScore ?? c.score;
      if ((sameScore.get(`g${c.group.no}:${sc}`) ?? 0) > 1 || (sameScore.get(`k${c.key}:${sc}`) ?? 0) > 1) tied.add(c.group);
      assigned.set(c.group, c);
      claimed.add(c.key);
    }
    const order: [number, string][] = [];
    for (const [g, c] of assigned) {
      order.push([c.keyIndex, c.key]);
      this.record(node, g, c, obj.get(c.key)!, depth, !tied.has(g));
    }
    for (const g of inlineGroups) {
      const f = node.field(g.no);
      f.inline = true;
      f.present++;
      f.spec ??= { code: 'm', child: new GenNode(node.path + '.<inline ' + g.no + '>') };
      const sub = this.matchMessage(g.occ[0]!.start, g.occ[0]!.end, obj, f.spec.child!, new Set([...exclude, ...claimed]), depth + 1);
      let first = Infinity;
      for (const k of sub) {
        claimed.add(k);
        first = Math.min(first, keys.indexOf(k));
      }
      if (sub.size) f.names.set('', (f.names.get('') ?? 0) + 1);
      order.push([first === Infinity ? keys.length : first, '\0' + g.no]);
    }
    for (const g of groups.values()) {
      if (assigned.has(g) || inlineSet.has(g)) continue;
      const f = node.field(g.no);
      f.present++;
      const o = g.occ[0]!;
      const zero = (o.wireType === 0 && o.value === 0n) || (o.wireType === 2 && o.end === o.start);
      if (zero && g.occ.length === 1) f.zeroOmitted++;
      else this.unmatched.push(`${node.path} field ${g.no}`);
    }
    order.sort((a, b) => a[0] - b[0]);
    node.orders.push(order.map((x) => x[1]));
    return claimed;
  }

  /**
   * Ties (booleans, identical sub-objects) are resolved first by adjacency: the key right
   * after the key of field n-1 (or right before that of n+1) belongs to field n, which
   * holds where fields were added in struct order; leftovers fall back to plain order.
   */
  private breakTiesByAdjacency(cands: Candidate[], sameScore: Map<string, number>, keys: string[], inlineSet: Set<Group>): void {
    const top = new Map<number, Candidate[]>();
    for (const c of cands) {
      if (inlineSet.has(c.group)) continue;
      const list = top.get(c.group.no);
      if (!list || list[0]!.score < c.score) top.set(c.group.no, [c]);
      else if (list[0]!.score === c.score) list.push(c);
    }
    const fixed = new Map<number, number>(); // field no → key index
    const taken = new Set<number>();
    for (const [no, list] of top) {
      const c = list[0]!;
      if (list.length === 1 && (sameScore.get(`k${c.key}:${c.score}`) ?? 0) === 1) {
        fixed.set(no, c.keyIndex);
        taken.add(c.keyIndex);
      }
    }
    for (let progress = true; progress; ) {
      progress = false;
      for (const no of [...top.keys()].sort((a, b) => a - b)) {
        if (fixed.has(no)) continue;
        const prev = fixed.get(no - 1);
        const next = fixed.get(no + 1);
        const pick = top
          .get(no)!
          .find((c) => !taken.has(c.keyIndex) && ((prev !== undefined && c.keyIndex === prev + 1) || (next !== undefined && c.keyIndex === next - 1)));
        if (!pick) continue;
        pick.baseScore = pick.score;
        pick.score += 0.001;
        fixed.set(no, pick.keyIndex);
        taken.add(pick.keyIndex);
        progress = true;
      }
    }
    void keys;
  }

  private record(node: GenNode, g: Group, c: Candidate, v: JValue, depth: number, strong: boolean): void {
    const f = node.field(g.no);
    f.names.set(c.key, (f.names.get(c.key) ?? 0) + (strong ? 100 : 1));
    if (strong && f.strongName === undefined) f.strongName = c.key;
    f.present++;
    if (c.repeated) f.repeated = true;
    if (c.map) f.map = true;
    if (c.packed) f.packed = true;
    const o = g.occ[0]!;
    if (strong && !c.repeated && !c.map && ((o.wireType === 0 && o.value === 0n) || (o.wireType === 2 && o.end === o.start && c.code !== 'm' && c.code !== 'z'))) {
      f.zeroRendered++;
    }
    f.spec = mergeSpec(f.spec, c.code, c.elem, node.path + '.' + c.key);
    const spec = f.spec;
    const child = (sp: GenSpec): GenNode | undefined => (sp.code === 'm' ? sp.child : sp.code === 'w' && sp.elem?.code === 'm' ? sp.elem.child : undefined);
    const target = child(spec);
    if (!target) return;
    if (c.map && v instanceof JObj) {
      for (const occ of g.occ) {
        const sub = tryParseWire(this.buf, occ.start, occ.end) ?? [];
        const k = sub.find((x) => x.no === 1);
        const val = sub.find((x) => x.no === 2);
        const key = k ? utf8OrUndefined(this.buf, k.start, k.end) : undefined;
        const jv = key !== undefined ? v.map.get(key) : undefined;
        if (val && jv instanceof JObj) this.matchMessage(val.start, val.end, jv, target, new Set(), depth + 1);
      }
      return;
    }
    if (c.repeated && Array.isArray(v)) {
      g.occ.forEach((occ, i) => {
        const jv = v[i];
        if (jv instanceof JObj) this.matchMessage(occ.start, occ.end, jv, target, new Set(), depth + 1);
      });
      return;
    }
    if (v instanceof JObj) this.matchMessage(o.start, o.end, v, target, new Set(), depth + 1);
  }
}

/** Merges a newly observed code into a field's spec ('z' = zero Time, refined later). */
function mergeSpec(old: GenSpec | undefined, code: string, elem: string | undefined, path: string): GenSpec {
  if (!old) {
    const sp: GenSpec = { code };
    if (code === 'm') sp.child = new GenNode(path);
    if (code === 'w') sp.elem = { code: elem ?? 's', ...(elem === 'm' ? { child: new GenNode(path + '[]') } : {}) };
    return sp;
  }
  if (old.code === 'z' && code !== 'z') return mergeSpec(undefined, code, elem, path);
  if (old.code === 't' && code === 'T') old.code = 'T';
  return old;
}
