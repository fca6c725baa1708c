// Turns derived GenNodes into the compact schema: JSON field order merged over releases,
// OpenAPI `required`, flags from the zero-value evidence, identical types shared.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLAG_INLINE, FLAG_MAP, FLAG_PACKED, FLAG_RENDER_ZERO, FLAG_REPEATED, FLAG_REQUIRED, FLAG_WRITE_ZERO, FLAG_WRITE_ZERO_IN_LIFE, FLAG_NULL_WHEN_ABSENT, FLAG_OMIT_ZERO, FLAG_REQUIRED_IN_LIFE } from '../../src/k8s/schema.js';
import { OMITZERO_FACTS, lastReleaseBefore } from './release-notes.js';
import type { GenField, GenNode, GenSpec } from './model.js';

interface OpenApiDef {
  required?: string[];
  properties?: Record<string, OpenApiProp>;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}
interface OpenApiProp {
  description?: string;
  $ref?: string;
  items?: OpenApiProp;
  additionalProperties?: OpenApiProp;
  allOf?: OpenApiProp[];
}

/** Marks fields listed in OpenAPI `required` of the kind's definition (any spec version). */
export function applyOpenApi(openapiDir: string, roots: Map<string, GenNode>): number {
  let marked = 0;
  for (const file of readdirSync(openapiDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(join(openapiDir, file), 'utf8')) as { definitions?: Record<string, OpenApiDef> };
    const defs = doc.definitions ?? {};
    const refDef = (p: OpenApiProp | undefined): OpenApiDef | undefined => {
      const ref = p?.$ref ?? p?.allOf?.[0]?.$ref;
      return ref ? defs[ref.replace('#/definitions/', '')] : undefined;
    };
    const visited = new Set<string>();
    const walk = (node: GenNode, def: OpenApiDef, depth: number): void => {
      const key = node.path + '|' + JSON.stringify(def.required ?? []) + Object.keys(def.properties ?? {}).join(',');
      if (depth > 40 || visited.has(key)) return;
      visited.add(key);
      for (const f of node.fields.values()) {
        const child = f.spec?.code === 'm' ? f.spec.child : f.spec?.code === 'w' && f.spec.elem?.code === 'm' ? f.spec.elem.child : undefined;
        if (f.inline) {
          if (child) walk(child, def, depth + 1);
          continue;
        }
        const name = f.name;
        if (name === undefined) continue;
        if (def.required?.includes(name) && !f.required) {
          f.required = true;
          marked++;
        }
        const prop = def.properties?.[name];
        // descriptions of the newest spec that has one (files are read oldest first)
        if (prop?.description) f.description = prop.description;
        if (!child || !prop) continue;
        const sub = refDef(prop) ?? refDef(prop.items) ?? refDef(prop.additionalProperties) ?? refDef(prop.additionalProperties?.items);
        if (sub) walk(child, sub, depth + 1);
      }
    };
    for (const def of Object.values(defs)) {
      for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        const root = roots.get(`${apiVersion}\0${gvk.kind}`);
        if (root) walk(root, def, 0);
      }
    }
  }
  return marked;
}

function childNode(f: GenField): GenNode | undefined {
  const sp = f.spec;
  return sp?.code === 'm' ? sp.child : sp?.code === 'w' && sp.elem?.code === 'm' ? sp.elem.child : undefined;
}

/** Every node reachable from the roots. */
export function allNodes(roots: Map<string, GenNode>): GenNode[] {
  const seen = new Set<GenNode>();
  const stack = [...roots.values()];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const f of n.fields.values()) {
      const c = childNode(f);
      if (c) stack.push(c);
    }
  }
  return [...seen];
}

/**
 * Fields seen on the wire but never matched (always zero where the kind was seen, e.g.
 * kinds only in fuzzed old releases) take their name and type from the same message type
 * elsewhere: the node whose named fields agree with this one's and overlap most.
 */
export function fillFromDonors(roots: Map<string, GenNode>): number {
  const nodes = allNodes(roots);
  const index = new Map<string, GenNode[]>();
  for (const n of nodes) {
    for (const f of n.fields.values()) {
      if (f.name === undefined || f.inline) continue;
      const k = `${f.no}:${f.name}`;
      const list = index.get(k);
      if (list) list.push(n);
      else index.set(k, [n]);
    }
  }
  let filled = 0;
  for (const n of nodes) {
    const missing = [...n.fields.values()].filter((f) => f.name === undefined && !f.inline);
    if (!missing.length) continue;
    const named = [...n.fields.values()].filter((f) => f.name !== undefined && !f.inline);
    const overlap = new Map<GenNode, number>();
    for (const f of named) for (const d of index.get(`${f.no}:${f.name}`) ?? []) if (d !== n) overlap.set(d, (overlap.get(d) ?? 0) + 1);
    const donors = [...overlap.entries()]
      .filter(([d]) => named.every((f) => {
        const g = d.fields.get(f.no);
        return !g || g.name === undefined || g.name === f.name;
      }))
      .sort((a, b) => b[1] - a[1] || a[0].path.localeCompare(b[0].path));
    for (const f of missing) {
      const donor = donors.find(([d]) => d.fields.get(f.no)?.name !== undefined)?.[0];
      const g = donor?.fields.get(f.no);
      if (!g || !g.spec) continue;
      f.names.set(g.name!, 1);
      f.spec = g.spec;
      f.repeated = g.repeated;
      f.map = g.map;
      f.zeroRendered = Math.max(f.zeroRendered, g.zeroRendered);
      f.required = g.required;
      filled++;
    }
  }
  return filled;
}

/**
 * Nodes of the same Go type: every strongly matched (number, name) pair they share agrees,
 * and the other node has at least 80 % of this node's pairs (3 or more).
 */
export function sameTypeSiblings(nodes: GenNode[]): Map<GenNode, GenNode[]> {
  const strong = new Map<GenNode, Map<number, string>>();
  const index = new Map<string, GenNode[]>();
  for (const n of nodes) {
    const sp = new Map<number, string>();
    for (const f of n.fields.values()) if (!f.inline && f.strongName !== undefined) sp.set(f.no, f.strongName);
    strong.set(n, sp);
    for (const [no, name] of sp) {
      const k = `${no}:${name}`;
      const list = index.get(k);
      if (list) list.push(n);
      else index.set(k, [n]);
    }
  }
  const out = new Map<GenNode, GenNode[]>();
  for (const n of nodes) {
    const mine = strong.get(n)!;
    if (mine.size < 3) continue;
    const overlap = new Map<GenNode, number>();
    for (const [no, name] of mine) for (const d of index.get(`${no}:${name}`) ?? []) if (d !== n) overlap.set(d, (overlap.get(d) ?? 0) + 1);
    const siblings = [...overlap.entries()]
      .filter(([d, c]) => {
        if (c < 0.8 * mine.size) return false;
        for (const [no, name] of strong.get(d)!) {
          const own = mine.get(no);
          if (own !== undefined && own !== name) return false;
        }
        return true;
      })
      .map(([d]) => d)
      .sort((a, b) => b.instances - a.instances || a.path.localeCompare(b.path));
    if (siblings.length) out.set(n, siblings);
  }
  return out;
}

/**
 * A field matched only through ties (booleans, equal sub-objects) in one node may be named
 * differently in another node of the same Go type (PodSpec under a Pod, a CronJob, an old
 * JobTemplate): fuzzed data breaks ties badly where a kind has few samples. Nodes that
 * agree on every strongly matched (number, name) pair they share, and share most of them,
 * are the same type; a tie-matched field takes the name with the most evidence over all
 * of them.
 */
export function unifyWeakNames(roots: Map<string, GenNode>): number {
  let renamed = 0;
  for (const [n, siblings] of sameTypeSiblings(allNodes(roots))) {
    const weak = [...n.fields.values()].filter((f) => !f.inline && f.strongName === undefined && f.names.size > 0);
    for (const f of weak) {
      const votes = new Map<string, number>(f.names);
      for (const d of siblings) {
        const g = d.fields.get(f.no);
        if (!g || g.inline) continue;
        if (g.strongName !== undefined) votes.set(g.strongName, (votes.get(g.strongName) ?? 0) + 100);
        else for (const [k, w] of g.names) votes.set(k, (votes.get(k) ?? 0) + w);
      }
      const pick = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
      if (pick !== f.name) {
        f.names.set(pick, Math.max(...f.names.values()) + 1);
        renamed++;
      }
    }
  }
  return renamed;
}

/**
 * A message type seen with fewer fields in one place than elsewhere (a kind whose newer
 * objects are missing from the data, e.g. managedFields.subresource under a kind whose
 * 1.22 JSON is damaged) takes the missing fields from its same-type siblings, so they
 * decode by name instead of as unknown. Adopted fields are never `required` and never
 * written as zeros by the encoder: this node has no evidence for either.
 */
export function adoptSiblingFields(roots: Map<string, GenNode>): number {
  let adopted = 0;
  const siblingsOf = sameTypeSiblings(allNodes(roots));
  for (const [n, siblings] of siblingsOf) {
    const names = new Set<string>();
    for (const f of n.fields.values()) if (f.name !== undefined && !f.inline) names.add(f.name);
    for (const d of siblings) {
      let took = false;
      for (const g of d.fields.values()) {
        if (n.fields.has(g.no) || g.inline || g.name === undefined || !g.spec || names.has(g.name)) continue;
        const f = n.field(g.no);
        f.names.set(g.name, 1);
        f.spec = g.spec;
        f.repeated = g.repeated;
        f.map = g.map;
        f.packed = g.packed;
        f.zeroRendered = g.zeroRendered;
        names.add(g.name);
        adopted++;
        took = true;
      }
      if (took) n.orders.push(...d.orders);
    }
  }
  return adopted;
}

/**
 * Two fields of one message can end up with the same best name when an order-broken tie
 * in new data disagrees with unique matches in old data; the strongest claim keeps the
 * name and the others take the remaining names seen for this message.
 */
export function resolveNameConflicts(roots: Map<string, GenNode>): number {
  let fixed = 0;
  for (const node of allNodes(roots)) {
    const fields = [...node.fields.values()].filter((f) => !f.inline && f.names.size > 0);
    const weight = (f: GenField): number => Math.max(...f.names.values());
    fields.sort((a, b) => weight(b) - weight(a) || a.no - b.no);
    const taken = new Set<string>();
    const losers: GenField[] = [];
    for (const f of fields) {
      const n = f.name!;
      if (!taken.has(n)) taken.add(n);
      else losers.push(f);
    }
    for (const f of losers) {
      const pool = new Map<string, number>();
      for (const g of fields) for (const [k, w] of g.names) if (!taken.has(k)) pool.set(k, Math.max(pool.get(k) ?? 0, w));
      const pick = [...pool.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
      f.names.clear();
      if (pick !== undefined) {
        f.names.set(pick, 1);
        taken.add(pick);
        fixed++;
      }
    }
  }
  return fixed;
}

/**
 * Pointer evidence (a zero value on the wire that the JSON renders) is rare per path in
 * the fuzzed releases; messages with the same named fields are the same Go type, so the
 * evidence is shared between them.
 */
export function shareZeroEvidence(roots: Map<string, GenNode>): number {
  const groups = new Map<string, GenNode[]>();
  for (const n of allNodes(roots)) {
    const sig = [...n.fields.values()]
      .filter((f) => f.name !== undefined || f.inline)
      .map((f) => `${f.no}:${f.inline ? '' : f.name}`)
      .sort()
      .join(',');
    const list = groups.get(sig);
    if (list) list.push(n);
    else groups.set(sig, [n]);
  }
  let shared = 0;
  for (const nodes of groups.values()) {
    if (nodes.length < 2) continue;
    const rendered = new Set<number>();
    for (const n of nodes) for (const f of n.fields.values()) if (f.zeroRendered > 0) rendered.add(f.no);
    for (const n of nodes)
      for (const no of rendered) {
        const f = n.fields.get(no);
        if (f && f.zeroRendered === 0) {
          f.zeroRendered = 1;
          shared++;
        }
      }
  }
  return shared;
}

/** Merges observed orders (newest first) into one field order. */
function mergedOrder(node: GenNode): number[] {
  const out: number[] = [];
  const byName = new Map<string, number>();
  for (const f of node.fields.values()) {
    const n = f.inline ? '\0' + f.no : f.name;
    if (n !== undefined) byName.set(n, f.no);
  }
  for (const keys of node.orders) {
    const order = keys.map((k) => byName.get(k)).filter((no): no is number => no !== undefined);
    let insertAt = -1;
    for (const no of order) {
      const at = out.indexOf(no);
      if (at >= 0) {
        insertAt = at;
        continue;
      }
      out.splice(insertAt + 1, 0, no);
      insertAt++;
    }
  }
  const rest = [...node.fields.keys()].filter((no) => !out.includes(no)).sort((a, b) => a - b);
  return [...out, ...rest];
}

/**
 * Zero evidence from releases' own objects, as release ordinals (0 = oldest). When some
 * releases show a zero and others hide it, the field changed between them (StatefulSet
 * status.availableReplicas lost its omitempty): the newest evidence decides the default,
 * and the releases where a zero renders form one range.
 */
function zeroHistory(f: GenField, releases: number): { newestShows: boolean; from: number; to: number } | undefined {
  const ord = (i: number): number => releases - 1 - i;
  const hiddenIn = f.zeroHiddenIn.size ? f.zeroHiddenIn : hiddenByLaterWriter(f, releases);
  if (!hiddenIn.size) return undefined;
  if (!f.zeroShownIn.size) {
    // hidden in old releases' own objects, shown by a later writer (after_roundtrip) or
    // required by the OpenAPI: the releases after the last hiding one render it
    if (f.zeroRendered === 0 && !f.required) return undefined;
    const lastHidden = Math.max(...[...hiddenIn].map(ord));
    return lastHidden >= releases - 1 ? undefined : { newestShows: true, from: lastHidden + 1, to: releases - 1 };
  }
  const shown = [...f.zeroShownIn].map(ord);
  const hidden = [...hiddenIn].map(ord);
  const newestShows = Math.max(...shown) > Math.max(...hidden);
  if (Math.max(...hidden) < Math.min(...shown)) return { newestShows, from: Math.min(...shown), to: releases - 1 };
  if (Math.max(...shown) < Math.min(...hidden)) return { newestShows, from: 0, to: Math.max(...shown) };
  return { newestShows, from: -1, to: -1 };
}

/**
 * A zero hidden only by the unnamed newer writers of after_roundtrip files, while other
 * objects show it: the field changed between releases. Kubernetes drops a field's
 * omitempty when the field graduates and does not add one later, so the hiding writer is
 * taken to be the earliest release that could have written such a file (newer than the
 * file's release, and having the field in its own objects), unless that release's own
 * objects show a zero. Returns that release (index, 0 = newest), or nothing.
 */
function hiddenByLaterWriter(f: GenField, releases: number): Set<number> {
  if (!f.zeroHiddenAfter.size || f.zeroShown === 0 || !f.seenPlainIn.size) return new Set();
  const ord = (i: number): number => releases - 1 - i;
  const since = Math.min(...[...f.seenPlainIn].map(ord));
  const firstWriter = Math.max(since, Math.min(...[...f.zeroHiddenAfter].map(ord)) + 1);
  const index = releases - 1 - firstWriter;
  return firstWriter < releases && !f.zeroShownIn.has(index) ? new Set([index]) : new Set();
}

/**
 * [since, until, zeroFrom, zeroTo] as release ordinals (0 = oldest), when the field does not
 * live as long as its message in the releases' own objects, or its zero rendering changed;
 * undefined when it does not matter. Release views (schema.ts schemaForRelease) use it.
 */
function fieldLife(f: GenField, node: GenNode, releases: number): [number, number, number, number] | undefined {
  if (f.inline || !f.seenPlainIn.size || !node.seenPlainIn.size) return undefined;
  const ord = (i: number): number => releases - 1 - i;
  const since = Math.min(...[...f.seenPlainIn].map(ord));
  const until = Math.max(...[...f.seenPlainIn].map(ord));
  const nodeSince = Math.min(...[...node.seenPlainIn].map(ord));
  const nodeUntil = Math.max(...[...node.seenPlainIn].map(ord));
  const z = zeroHistory(f, releases);
  const zr = z && z.from >= 0 ? [z.from, z.to] : [-1, -1];
  if (since <= nodeSince && until >= nodeUntil && zr[0] === -1) return undefined;
  return [since <= nodeSince ? 0 : since, until >= nodeUntil ? releases - 1 : until, zr[0]!, zr[1]!];
}

function fieldFlags(f: GenField, node: GenNode, releases: number): number {
  let flags = 0;
  if (f.repeated) flags |= FLAG_REPEATED;
  if (f.map) flags |= FLAG_MAP;
  if (f.inline) flags |= FLAG_INLINE;
  if (f.packed) flags |= FLAG_PACKED;
  // `required` renders a zero/null when the field is absent, unless the field is gone
  // from the newest release that has this message (renamed or removed since that spec)
  const newestNode = Math.min(Infinity, ...node.instancesIn.keys());
  const newestField = Math.min(Infinity, ...f.presentIn.keys());
  const current = f.presentIn.size === 0 || newestField <= newestNode;
  if (f.required && current) flags |= FLAG_REQUIRED;
  // gone from the newest release: rendered when absent only in the views of releases that have it
  else if (f.required && fieldLife(f, node, releases) !== undefined) flags |= FLAG_REQUIRED_IN_LIFE;
  if (f.nullShownNull > 0 && f.nullShownNull === f.nullShown) flags |= FLAG_NULL_WHEN_ABSENT;
  const code = f.spec?.code ?? '';
  const scalar = code === 's' || code === 'i' || code === 'B';
  // A zero value on the wire that the JSON shows marks a pointer (or non-omitempty)
  // field. Absence alone is no evidence: after_roundtrip files mix writers of two releases.
  const z = zeroHistory(f, releases);
  const showsZero = z ? z.newestShows : f.zeroRendered > 0;
  if (showsZero || (f.required && current)) flags |= FLAG_RENDER_ZERO;
  const absent = node.instances - f.present;
  // Go writes a non-pointer scalar even when zero: seen on the wire in every instance, or
  // seen zero on the wire with the JSON hiding it (an omitempty field that is no pointer;
  // this also covers fields that older writers of the same message did not know)
  const hiddenZero = z ? !z.newestShows : f.zeroHidden > 0 && f.zeroShown === 0;
  if (scalar && !f.repeated && !f.map && !(flags & FLAG_RENDER_ZERO) && (absent === 0 || hiddenZero)) {
    // a field the newest release no longer has is written only in the views of releases that have it
    flags |= current ? FLAG_WRITE_ZERO : FLAG_WRITE_ZERO_IN_LIFE;
  }
  return flags;
}

/** The release-notes fact for a Time field of the message type it names, if any. */
function omitZeroFact(f: GenField, node: GenNode): (typeof OMITZERO_FACTS)[number] | undefined {
  const code = f.spec?.code;
  if (f.inline || (code !== 't' && code !== 'z')) return undefined;
  return OMITZERO_FACTS.find((x) => x.field === f.name && [...node.fields.values()].some((g) => !g.inline && g.name === x.sibling));
}

/** [fieldNo, jsonName, flags, spec] or with a fifth element: [since, until, zeroFrom, zeroTo]. */
export type CompactField = [number, string, number, string] | [number, string, number, string, [number, number, number, number]];

export interface CompactSchema {
  v: 1;
  /** Release names, oldest first; the life ordinals index this list. */
  releases: string[];
  kinds: [string, string, number][];
  types: CompactField[][];
}

/** Builds the compact schema; structurally identical types are emitted once. */
export function emitSchema(roots: Map<string, GenNode>, releaseNames: string[]): CompactSchema {
  const R = releaseNames.length;
  const compactField = (f: GenField, node: GenNode, spec: string): CompactField => {
    const base: [number, string, number, string] = [f.no, f.inline ? '' : f.name!, fieldFlags(f, node, R), spec];
    let life = fieldLife(f, node, R);
    const omitZero = omitZeroFact(f, node);
    if (omitZero) {
      // the zero renders (null) in the releases before the tag, and is omitted from it on
      base[2] = (base[2] | FLAG_OMIT_ZERO) & ~FLAG_RENDER_ZERO;
      const before = lastReleaseBefore(releaseNames, omitZero.since);
      if (before >= 0) life = [life?.[0] ?? 0, life?.[1] ?? R - 1, 0, before];
    }
    return life ? [...base, life] : base;
  };
  // canonical text of each node (children by canonical text), memoised; cycles cannot occur (path-based nodes)
  const canon = new Map<GenNode, string>();
  const specCanon = (sp: GenSpec): string => {
    const c = sp.code === 'z' ? 't' : sp.code;
    if (c === 'm') return 'm(' + nodeCanon(sp.child!) + ')';
    if (c === 'w') return 'w' + specCanon(sp.elem!);
    return c;
  };
  const liveFields = (node: GenNode): GenField[] =>
    mergedOrder(node)
      .map((no) => node.fields.get(no)!)
      .filter((f) => f.spec && (f.inline || f.name !== undefined));
  const nodeCanon = (node: GenNode): string => {
    let s = canon.get(node);
    if (s !== undefined) return s;
    s = JSON.stringify(liveFields(node).map((f) => compactField(f, node, specCanon(f.spec!))));
    canon.set(node, s);
    return s;
  };
  const types: CompactField[][] = [];
  const index = new Map<string, number>();
  const specOut = (sp: GenSpec): string => {
    const c = sp.code === 'z' ? 't' : sp.code;
    if (c === 'm') return 'm' + typeOf(sp.child!);
    if (c === 'w') return 'w' + specOut(sp.elem!);
    return c;
  };
  const typeOf = (node: GenNode): number => {
    const key = nodeCanon(node);
    const hit = index.get(key);
    if (hit !== undefined) return hit;
    const i = types.length;
    index.set(key, i);
    types.push([]);
    types[i] = liveFields(node).map((f) => compactField(f, node, specOut(f.spec!)));
    return i;
  };
  const kinds: [string, string, number][] = [];
  for (const key of [...roots.keys()].sort()) {
    const [apiVersion, kind] = key.split('\0') as [string, string];
    kinds.push([apiVersion, kind, typeOf(roots.get(key)!)]);
  }
  return { v: 1, releases: releaseNames, kinds, types };
}

/** The generated TypeScript module: one compact JSON string, one type per line. */
export function renderModule(schema: CompactSchema): string {
  const lines = [
    '// GENERATED by `npm run gen:k8s` (scripts/gen-k8s-schema.ts) from ../shared/k8s-api. Do not edit.',
    '// Format: see schema.ts.',
    '/* eslint-disable */',
    'export const SCHEMA_DATA: string = [',
    `  '{"v":1,"releases":' + ${JSON.stringify(JSON.stringify(schema.releases))} + ',"kinds":' + ${JSON.stringify(JSON.stringify(schema.kinds))} + ',"types":[',`,
    ...schema.types.map((t, i) => `  ${JSON.stringify(JSON.stringify(t) + (i < schema.types.length - 1 ? ',' : ''))},`),
    `  ']}',`,
    "].join('');",
    '',
  ];
  return lines.join('\n');
}
