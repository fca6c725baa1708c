// yaml.Marshal of a decoded JSON value (go-yaml v2 encode.go): walks the tree, sorts
// mapping keys like sorter.go, picks each string's requested style like stringv, and
// feeds the events to the emitter. Iterative, so deep input cannot overflow the stack.

import {
  EV_MAPPING_END,
  EV_MAPPING_START,
  EV_SCALAR,
  EV_SEQUENCE_END,
  EV_SEQUENCE_START,
  STYLE_DOUBLE_QUOTED,
  STYLE_LITERAL,
  STYLE_PLAIN,
  YamlEmitter,
  analyzeScalar,
  type CollectionEndEvent,
  type ScalarAnalysis,
  type ScalarEvent,
  type ScalarStyle,
} from './emitter.js';
import { YamlNumber, type YamlValue } from './json-value.js';
import { plainSortKey, sortLikeGo, toRunes } from './key-order.js';
import { canBePlain } from './resolve.js';

const SEQUENCE_END: CollectionEndEvent = { type: EV_SEQUENCE_END };
const MAPPING_END: CollectionEndEvent = { type: EV_MAPPING_END };

// The emitter does not keep events, so one scalar event object is reused (no garbage
// per scalar on this hot path).
const scalar: ScalarEvent = { type: EV_SCALAR, value: '', style: STYLE_PLAIN, analysis: undefined };

/** encode.go stringv: literal block for text with '\n', else plain unless it would be misread. */
export function stringStyle(s: string): ScalarStyle {
  return s.indexOf('\n') >= 0 ? STYLE_LITERAL : canBePlain(s) ? STYLE_PLAIN : STYLE_DOUBLE_QUOTED;
}

function stringEvent(s: string): ScalarEvent {
  scalar.value = s;
  scalar.style = stringStyle(s);
  scalar.analysis = undefined;
  return scalar;
}

// Mapping keys repeat in every object (field names): their style and the emitter's
// analysis depend on the text only, so they are remembered.
const keyScalars = new Map<string, { style: ScalarStyle; analysis: ScalarAnalysis }>();
const KEY_SCALARS_MAX = 8192;

function keyEvent(k: string): ScalarEvent {
  let c = keyScalars.get(k);
  if (c === undefined) {
    c = { style: stringStyle(k), analysis: analyzeScalar(k) };
    if (keyScalars.size < KEY_SCALARS_MAX) keyScalars.set(k, c);
  }
  scalar.value = k;
  scalar.style = c.style;
  scalar.analysis = c.analysis;
  return scalar;
}

function plainEvent(text: string): ScalarEvent {
  scalar.value = text;
  scalar.style = STYLE_PLAIN;
  scalar.analysis = undefined;
  return scalar;
}

// Objects of one kind repeat the same key sequence; remember its sorted form. Looked up
// by the first key, then confirmed key by key against the mapping (no signature string,
// no entry arrays per mapping: those were the costliest steps of the YAML path).
interface CachedOrder {
  keys: string[];
  sorted: string[];
}
const orderCache = new Map<string, CachedOrder[]>();
const ORDER_CACHE_MAX = 2048;
/** Key sequences kept per first key ("name" starts many); beyond, the oldest is replaced. */
const BUCKET_MAX = 64;

function sameKeys(keys: string[], map: Map<string, YamlValue>): boolean {
  if (keys.length !== map.size) return false;
  let i = 0;
  for (const k of map.keys()) if (keys[i++] !== k) return false;
  return true;
}

/** The mapping's keys in go-yaml's key order. */
export function sortedKeys(map: Map<string, YamlValue>): string[] {
  const first = map.keys().next().value as string;
  let bucket = orderCache.get(first);
  if (bucket) for (const c of bucket) if (sameKeys(c.keys, map)) return c.sorted;
  const keys = Array.from(map.keys());
  const order = sortOrder(keys);
  const sorted = Array.from(order, (i) => keys[i]!);
  if (!bucket) {
    if (orderCache.size >= ORDER_CACHE_MAX) orderCache.clear();
    orderCache.set(first, (bucket = []));
  }
  if (bucket.length >= BUCKET_MAX) bucket.shift();
  bucket.push({ keys, sorted });
  return sorted;
}

/** The permutation that puts keys in go-yaml's key order. */
function sortOrder(keys: string[]): Uint32Array {
  const index = keys.map((_, i) => i);
  // Fast path (most Kubernetes field names): digit-free ASCII keys sort as plain strings.
  const plain: string[] = [];
  for (const k of keys) {
    const p = plainSortKey(k);
    if (p === undefined) {
      const runes = keys.map((x) => toRunes(x));
      sortLikeGo(index, (i) => runes[i]!);
      return Uint32Array.from(index);
    }
    plain.push(p);
  }
  index.sort((a, b) => (plain[a]! < plain[b]! ? -1 : 1));
  return Uint32Array.from(index);
}

interface SequenceFrame {
  items: YamlValue[];
  next: number;
  map: undefined;
  members: undefined;
}
interface MappingFrame {
  items: undefined;
  map: Map<string, YamlValue>;
  /** The keys in output order. */
  members: string[];
  /** Index into members*2: even = key, odd = value. */
  next: number;
}
type Frame = SequenceFrame | MappingFrame;

/** Marshals one value as a YAML document (with its final newline). */
export function marshalYaml(root: YamlValue): string {
  const emitter = new YamlEmitter();
  const stack: Frame[] = [];

  const open = (v: YamlValue): void => {
    if (v === null) emitter.emit(plainEvent('null'));
    else if (typeof v === 'string') emitter.emit(stringEvent(v));
    else if (typeof v === 'boolean') emitter.emit(plainEvent(v ? 'true' : 'false'));
    else if (v instanceof YamlNumber) emitter.emit(plainEvent(v.text));
    else if (Array.isArray(v)) {
      emitter.emit({ type: EV_SEQUENCE_START, empty: v.length === 0 });
      stack.push({ items: v, next: 0, map: undefined, members: undefined });
    } else {
      emitter.emit({ type: EV_MAPPING_START, empty: v.size === 0 });
      stack.push({ items: undefined, map: v, members: v.size === 0 ? [] : v.size === 1 ? [v.keys().next().value as string] : sortedKeys(v), next: 0 });
    }
  };

  open(root);
  for (let top = stack[stack.length - 1]; top !== undefined; top = stack[stack.length - 1]) {
    if (top.items !== undefined) {
      if (top.next < top.items.length) open(top.items[top.next++]!);
      else {
        stack.pop();
        emitter.emit(SEQUENCE_END);
      }
    } else if (top.next < top.members.length * 2) {
      const key = top.members[top.next >> 1]!;
      const isKey = (top.next & 1) === 0;
      top.next++;
      if (isKey) emitter.emit(keyEvent(key));
      else open(top.map.get(key)!);
    } else {
      stack.pop();
      emitter.emit(MAPPING_END);
    }
  }
  return emitter.finish();
}
