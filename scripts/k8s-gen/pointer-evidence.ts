// Second pass over the testdata, once every field has its JSON name: a scalar that is on
// the wire with its zero value either shows in the JSON (a Go pointer, or no omitempty)
// or not (a plain omitempty field, which gogo writes anyway). The first pass can only
// count this for untied matches; a `false` among several booleans is always a tie, so the
// fuzzed releases' pointer booleans (shareProcessNamespace: false) were missed. Here the
// name is known and the JSON key's presence alone decides.
import { readFileSync } from 'node:fs';
import { tryParseWire, type WireField } from '../../src/k8s/wire.js';
import { JObj, parseJson, type JValue } from '../../src/io/json-value.js';
import { listCases, splitEnvelope, type ReleaseData } from './derive.js';
import type { GenField, GenNode } from './model.js';
import { allNodes } from './emit.js';

interface Veto {
  node: GenNode;
  names: Set<string>;
}

const SCALAR = new Set(['s', 'i', 'B', 'b', 'd', 'f']);

function childOf(f: GenField): GenNode | undefined {
  const sp = f.spec;
  return sp?.code === 'm' ? sp.child : undefined;
}

function isZero(o: WireField): boolean {
  if (o.wireType === 0) return o.value === 0n;
  if (o.wireType === 2) return o.end === o.start;
  return false; // fixed64/32 zero doubles are not in the data; leave them to the first pass
}

class Walker {
  constructor(
    private readonly buf: Uint8Array,
    /** Release index (0 = newest). */
    private readonly release: number,
    /** The object was written and rendered by that release itself (not an after_roundtrip file). */
    private readonly plain: boolean,
    /** Collect name vetoes instead of zero evidence. */
    private readonly vetoes?: Map<GenField, Veto>,
  ) {}

  walk(s: number, e: number, obj: JObj, node: GenNode, depth: number): void {
    if (depth > 60) return;
    const wire = tryParseWire(this.buf, s, e);
    if (!wire) return;
    const groups = new Map<number, WireField[]>();
    for (const w of wire) {
      const list = groups.get(w.no);
      if (list) list.push(w);
      else groups.set(w.no, [w]);
    }
    if (!this.vetoes) {
      if (this.plain) node.seenPlainIn.add(this.release);
      for (const f of node.fields.values()) {
        const keyed = !f.inline && f.name !== undefined && obj.map.has(f.name);
        if (this.plain && (groups.has(f.no) || keyed)) f.seenPlainIn.add(this.release);
        if (f.inline || f.name === undefined || groups.has(f.no)) continue;
        if (keyed) {
          f.nullShown++;
          if (obj.map.get(f.name) === null) f.nullShownNull++;
        }
        else if (this.plain) f.nullHiddenIn.add(this.release);
      }
    }
    for (const [no, occ] of groups) {
      const f = node.fields.get(no);
      if (!f) continue;
      const child = childOf(f);
      if (f.inline) {
        if (child && occ.length === 1) this.walk(occ[0]!.start, occ[0]!.end, obj, child, depth + 1);
        continue;
      }
      const name = f.name;
      if (name === undefined) continue;
      const jv = obj.map.get(name);
      const code = f.spec?.code ?? '';
      if (this.vetoes) {
        // a non-zero value on the wire always shows in the JSON, so a missing key is not this field's name
        if (jv === undefined && occ.some((o) => !isZero(o))) {
          let v = this.vetoes.get(f);
          if (!v) this.vetoes.set(f, (v = { node, names: new Set() }));
          v.names.add(name);
          continue;
        }
      }
      if (SCALAR.has(code) && !f.repeated && !f.map) {
        if (!this.vetoes && occ.length === 1 && isZero(occ[0]!)) {
          if (jv !== undefined) f.zeroShown++;
          else f.zeroHidden++;
          if (this.plain) (jv !== undefined ? f.zeroShownIn : f.zeroHiddenIn).add(this.release);
          else if (jv === undefined) f.zeroHiddenAfter.add(this.release);
        }
        continue;
      }
      if (!child) continue;
      if (f.map) {
        if (!(jv instanceof JObj)) continue;
        for (const o of occ) this.walkMapEntry(o, jv, child, depth);
      } else if (f.repeated) {
        if (Array.isArray(jv) && jv.length === occ.length) occ.forEach((o, i) => this.walkValue(o, jv[i]!, child, depth));
      } else if (occ.length === 1 && jv !== undefined) this.walkValue(occ[0]!, jv, child, depth);
    }
  }

  private walkValue(o: WireField, jv: JValue, child: GenNode, depth: number): void {
    if (o.wireType === 2 && jv instanceof JObj) this.walk(o.start, o.end, jv, child, depth + 1);
  }

  private walkMapEntry(o: WireField, jv: JObj, child: GenNode, depth: number): void {
    if (o.wireType !== 2) return;
    const entry = tryParseWire(this.buf, o.start, o.end);
    const k = entry?.find((x) => x.no === 1 && x.wireType === 2);
    const v = entry?.find((x) => x.no === 2);
    if (!k || !v) return;
    const key = Buffer.from(this.buf.buffer, this.buf.byteOffset + k.start, k.end - k.start).toString('utf8');
    const val = jv.map.get(key);
    if (val !== undefined) this.walkValue(v, val, child, depth);
  }
}

function walkCases(releases: ReleaseData[], roots: Map<string, GenNode>, vetoes?: Map<GenField, Veto>): void {
  for (const [releaseIndex, { release, root: dir }] of releases.entries()) {
    for (const tc of listCases(dir, release)) {
      // after_roundtrip objects were written by a newer release than their JSON: wire
      // fields the JSON cannot show say nothing about names
      const plain = !tc.name.endsWith('.after_roundtrip');
      if (vetoes && !plain) continue;
      let json: JValue;
      try {
        json = parseJson(readFileSync(tc.json, 'utf8'));
      } catch {
        continue;
      }
      if (!(json instanceof JObj)) continue;
      const buf = new Uint8Array(readFileSync(tc.pb));
      const env = splitEnvelope(buf);
      const root = roots.get(`${env.apiVersion}\0${env.kind}`);
      if (root) new Walker(buf, releaseIndex, plain, vetoes).walk(env.start, env.end, json, root, 0);
    }
  }
}

/**
 * A tie-matched name can be wrong in a way no single object shows (two `true` booleans,
 * the struct order unlike the field order: ListOptions' allowWatchBookmarks = 9 sits
 * after watch = 3). A field that is on the wire with a non-zero value in an object whose
 * JSON lacks the key cannot carry that name; such a field takes its best name that no
 * object contradicts. Returns the fields renamed.
 */
export function vetoContradictedNames(testdata: ReleaseData[], roots: Map<string, GenNode>, log: (s: string) => void = () => undefined): number {
  const vetoes = new Map<GenField, Veto>();
  walkCases(testdata, roots, vetoes);
  let renamed = 0;
  for (const [f, { node, names }] of vetoes) {
    const old = f.name!;
    const pick = [...f.names.entries()].filter(([k]) => !names.has(k)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    if (pick === undefined) {
      log(`no uncontradicted name for ${node.path} field ${f.no} (${old})`);
      continue;
    }
    const top = Math.max(...f.names.values()) + 1;
    for (const k of names) f.names.delete(k);
    if (f.strongName !== undefined && names.has(f.strongName)) f.strongName = undefined;
    f.names.set(pick, top);
    // the field that held the picked name was the other half of the broken tie: it takes the old name
    for (const g of node.fields.values()) {
      if (g === f || g.inline || g.name !== pick || vetoes.get(g)?.names.has(old)) continue;
      g.names.set(old, Math.max(...g.names.values()) + 1);
      if (g.strongName === pick) g.strongName = undefined;
    }
    renamed++;
  }
  return renamed;
}

/**
 * The API reference (OpenAPI descriptions) names pointer fields where the data shows no
 * zero: a boolean that "defaults to true" cannot be a plain bool (false would be lost), and
 * a scalar described as possibly "nil"/"null" is a pointer. Fields added after the fuzzed
 * releases (hostUsers, terminationGracePeriodSeconds's zero) have no other evidence.
 * Checked against every field whose zero the data does show (hintConflicts below).
 */
export function pointerByDescription(f: GenField): boolean {
  const d = f.description;
  if (!d || f.repeated || f.map || f.inline) return false;
  const code = f.spec?.code;
  if (code === 'B' && /\bdefaults? (?:to|is) true\b/i.test(d)) return true;
  return (code === 'B' || code === 'i' || code === 's') && /\b(?:nil|null)\b/i.test(d);
}

export interface PointerEvidenceResult {
  /** Fields newly marked as pointers from the data. */
  byData: number;
  /** Fields marked as pointers from their description alone. */
  byDescription: number;
  /** Fields the data shows as plain omitempty values although their description hints a pointer (must stay empty). */
  hintConflicts: string[];
}

/** Counts zero scalars shown/hidden by name over every case and marks pointer fields. */
export function gatherPointerEvidence(testdata: ReleaseData[], roots: Map<string, GenNode>, log: (s: string) => void = () => undefined): PointerEvidenceResult {
  walkCases(testdata, roots);
  let marked = 0;
  let byDescription = 0;
  const hintConflicts: string[] = [];
  for (const n of allNodes(roots)) {
    for (const f of n.fields.values()) {
      // off the wire yet in the JSON: rendered when absent (no omitempty), in every release that has the field
      if (f.nullShown > 0 && !f.required && ![...f.nullHiddenIn].some((r) => f.seenPlainIn.has(r))) {
        f.required = true;
        log(`rendered when absent: ${n.path} field ${f.no} (${f.name})`);
      }
      if (f.zeroShown > 0 && f.zeroHidden > 0) log(`pointer evidence conflict: ${n.path} field ${f.no} (${f.name}) shown ${f.zeroShown}, hidden ${f.zeroHidden}`);
      if (f.zeroShown > 0 && f.zeroHidden === 0 && f.zeroRendered === 0) {
        f.zeroRendered = 1;
        marked++;
      }
      if (!pointerByDescription(f)) continue;
      if (f.zeroHidden > 0 && f.zeroShown === 0) hintConflicts.push(`${n.path} field ${f.no} (${f.name})`);
      else if (f.zeroShown === 0 && f.zeroHidden === 0 && f.zeroRendered === 0 && !f.required) {
        f.zeroRendered = 1;
        byDescription++;
      }
    }
  }
  return { byData: marked, byDescription, hintConflicts };
}
