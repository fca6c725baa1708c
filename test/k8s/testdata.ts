// Shared by the k8s tests: every (release, object) triplet in ../shared/k8s-api/testdata
// and the three checks the acceptance asks for.
import { readFileSync } from 'node:fs';
import { decodeStorageValue, encodeStorageValue, toJson, toYaml, yamlToJsonText } from '../../src/k8s/index.js';
import { builtinSchema, schemaForRelease, type K8sSchema } from '../../src/k8s/schema.js';
import { JNum, JObj, jsonEqual, parseJson, type JValue } from '../../src/io/json-value.js';
import { listCases, listReleases, type TestCase } from '../../scripts/k8s-gen/derive.js';

export { listCases, listReleases, type TestCase };

/** First differing path, for failure messages. */
export function firstDiff(a: JValue, b: JValue, path = ''): string | undefined {
  if (jsonEqual(a, b)) return undefined;
  if (a instanceof JObj && b instanceof JObj) {
    for (const k of new Set([...a.map.keys(), ...b.map.keys()])) {
      const x = a.map.get(k);
      const y = b.map.get(k);
      if (x === undefined || y === undefined) return `${path}.${k}: ${x === undefined ? 'missing' : 'extra'}`;
      const d = firstDiff(x, y, `${path}.${k}`);
      if (d) return d;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = firstDiff(a[i]!, b[i]!, `${path}[${i}]`);
      if (d) return d;
    }
  }
  const show = (v: JValue): string => JSON.stringify(v instanceof JNum ? v.text : v instanceof JObj ? Object.fromEntries(v.map) : v)?.slice(0, 80) ?? '';
  return `${path}: got ${show(a)}, want ${show(b)}`;
}

export interface CaseResult {
  /** The reference .json itself does not parse (upstream file damaged): nothing passes, YAML is still compared. */
  refBroken?: boolean;
  /**
   * For a damaged reference: the lines of another version inserted into it (a bad merge),
   * when every line of our JSON and our YAML is in it, in order; undefined when not so.
   */
  refInsertedLines?: number;
  json: string | undefined;
  yaml: string | undefined;
  encode: string | undefined;
  /** encode(.yaml) → .pb (what `encode` does with YAML input); undefined = pass or no .yaml. */
  encodeYaml?: string | undefined;
}

/**
 * The schema views a case may be checked with. A release's own objects were written and
 * rendered by that release. An `.after_roundtrip` object was written and rendered by a
 * later release that the data does not name; it passes when one release from its
 * directory's up to the newest reproduces all three checks.
 */
export function schemasForCase(tc: TestCase, releases: readonly string[]): K8sSchema[] {
  if (!tc.name.endsWith('.after_roundtrip')) return [schemaForRelease(tc.release)];
  const own = schemaForRelease(tc.release).release;
  const from = own === undefined ? releases.length - 1 : releases.indexOf(own);
  return releases
    .slice(from)
    .reverse()
    .map((r) => schemaForRelease(r));
}

/** How many lines ref has besides ours, when every line of ours is in ref in order; else undefined. */
function insertedLines(ours: string, ref: string): number | undefined {
  const want = ours.replace(/\n$/, '').split('\n');
  const have = ref.replace(/\n$/, '').split('\n');
  let i = 0;
  for (const line of have) if (i < want.length && line === want[i]) i++;
  return i === want.length ? have.length - want.length : undefined;
}

/** Runs decode→JSON, decode→YAML, encode(JSON)→pb and encode(YAML)→pb on one triplet; undefined = pass. */
export function checkCase(tc: TestCase, withYaml: boolean): CaseResult {
  let first: CaseResult | undefined;
  for (const schema of schemasForCase(tc, builtinSchema().releases)) {
    const r = checkCaseWith(tc, withYaml, schema);
    if (r.json === undefined && r.yaml === undefined && r.encode === undefined && r.encodeYaml === undefined) return r;
    first ??= r;
  }
  return first!;
}

function checkCaseWith(tc: TestCase, withYaml: boolean, schema: K8sSchema): CaseResult {
  const pb = new Uint8Array(readFileSync(tc.pb));
  const jsonText = readFileSync(tc.json, 'utf8');
  const res: CaseResult = { json: undefined, yaml: undefined, encode: undefined };
  let want: JValue | undefined;
  try {
    want = parseJson(jsonText);
  } catch {
    want = undefined;
  }
  try {
    const d = decodeStorageValue(pb, schema);
    const got = toJson(d);
    if (want !== undefined) res.json = firstDiff(parseJson(got), want);
    else {
      const inJson = insertedLines(got, jsonText);
      const inYaml = tc.yaml ? insertedLines(toYaml(d), readFileSync(tc.yaml, 'utf8')) : 0;
      if (inJson !== undefined && inYaml !== undefined) res.refInsertedLines = inJson + inYaml;
    }
    if (withYaml && tc.yaml) {
      const y = toYaml(d);
      const wantY = readFileSync(tc.yaml, 'utf8');
      if (y !== wantY) {
        const gl = y.split('\n');
        const wl = wantY.split('\n');
        const i = gl.findIndex((l, n) => l !== wl[n]);
        res.yaml = `line ${i + 1}: got ${JSON.stringify(gl[i])}, want ${JSON.stringify(wl[i])}`;
      }
    }
  } catch (e) {
    res.json = `decode failed: ${(e as Error).message}`;
    res.yaml = res.json;
  }
  if (want === undefined) {
    // nothing to compare with: counted as not passing, not as passing
    res.refBroken = true;
    res.json = 'reference .json does not parse (damaged upstream)';
    res.encode = res.json;
    res.encodeYaml = res.json;
    return res;
  }
  try {
    const bytes = encodeStorageValue(jsonText, schema);
    if (Buffer.compare(Buffer.from(bytes), Buffer.from(pb)) !== 0) {
      let i = 0;
      while (i < bytes.length && bytes[i] === pb[i]) i++;
      res.encode = `bytes differ at offset ${i} (got ${bytes.length} bytes, want ${pb.length})`;
    }
  } catch (e) {
    res.encode = `encode failed: ${(e as Error).message}`;
  }
  if (withYaml && tc.yaml) {
    try {
      const bytes = encodeStorageValue(yamlToJsonText(readFileSync(tc.yaml, 'utf8')), schema);
      if (Buffer.compare(Buffer.from(bytes), Buffer.from(pb)) !== 0) res.encodeYaml = `bytes differ (got ${bytes.length} bytes, want ${pb.length})`;
    } catch (e) {
      res.encodeYaml = `encode failed: ${(e as Error).message}`;
    }
  }
  return res;
}
