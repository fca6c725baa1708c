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
  type CollectionEndEvent,
  type ScalarEvent,
} from './emitter.js';
import { YamlNumber, type YamlValue } from './json-value.js';
import { plainSortKey, sortLikeGo, toRunes } from './key-order.js';
import { canBePlain } from './resolve.js';

const SEQUENCE_END: CollectionEndEvent = { type: EV_SEQUENCE_END };
const MAPPING_END: CollectionEndEvent = { type: EV_MAPPING_END };

// The emitter does not keep events, so one scalar event object is reused (no garbage
// per scalar on this hot path).
const scalar: ScalarEvent = { type: EV_SCALAR, value: '', style: STYLE_PLAIN };

/** encode.go stringv: literal block for text with '\n', else plain unless it would be misread. */
function stringEvent(s: string): ScalarEvent {
  scalar.value = s;
  scalar.style = s.indexOf('\n') >= 0 ? STYLE_LITERAL : canBePlain(s) ? STYLE_PLAIN : STYLE_DOUBLE_QUOTED;
  return scalar;
}

function plainEvent(text: string): ScalarEvent {
  scalar.value = text;
  scalar.style = STYLE_PLAIN;
  return scalar;
}

// Objects of one kind repeat the same key sequence; remember the sorted permutation.
// Looked up by count, first and last key, then confirmed key by key: no signature string
// of every key per mapping (that join was the costliest step of the YAML path).
interface CachedOrder {
  keys: string[];
  order: Uint32Array;
}
const orderCache = new Map<string, CachedOrder[]>();
const ORDER_CACHE_MAX = 2048;
/** Sequences sharing count, first and last key (kept per lookup key). */
const BUCKET_MAX = 8;

/** Mapping members in go-yaml's key order. */
function sortedMembers(map: Map<string, YamlValue>): Array<[string, YamlValue]> {
  const members = Array.from(map);
  const n = members.length;
  if (n <= 1) return members;
  const lookup = n + ':' + members[0]![0] + '\0' + members[n - 1]![0];
  let bucket = orderCache.get(lookup);
  let order: Uint32Array | undefined;
  if (bucket) {
    for (const c of bucket) {
      let same = true;
      // every key (the lookup text alone is ambiguous: "a\0" + "b" vs "a" + "\0b")
      for (let i = 0; i < n; i++) {
        if (c.keys[i] !== members[i]![0]) {
          same = false;
          break;
        }
      }
      if (same) {
        order = c.order;
        break;
      }
    }
  }
  if (order === undefined) {
    order = sortOrder(members);
    if (!bucket) {
      if (orderCache.size >= ORDER_CACHE_MAX) orderCache.clear();
      orderCache.set(lookup, (bucket = []));
    }
    if (bucket.length < BUCKET_MAX) bucket.push({ keys: members.map((m) => m[0]), order });
  }
  const out = new Array<[string, YamlValue]>(n);
  for (let i = 0; i < n; i++) out[i] = members[order[i]!]!;
  return out;
}

/** The permutation that puts members in go-yaml's key order. */
function sortOrder(members: Array<[string, YamlValue]>): Uint32Array {
  const index = members.map((_, i) => i);
  // Fast path (most Kubernetes field names): digit-free ASCII keys sort as plain strings.
  const plain: string[] = [];
  for (const m of members) {
    const p = plainSortKey(m[0]);
    if (p === undefined) {
      const runes = members.map((x) => toRunes(x[0]));
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
  members: undefined;
}
interface MappingFrame {
  items: undefined;
  members: Array<[string, YamlValue]>;
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
      stack.push({ items: v, next: 0, members: undefined });
    } else {
      emitter.emit({ type: EV_MAPPING_START, empty: v.size === 0 });
      stack.push({ items: undefined, members: v.size === 0 ? [] : sortedMembers(v), next: 0 });
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
      const member = top.members[top.next >> 1]!;
      const isKey = (top.next & 1) === 0;
      top.next++;
      if (isKey) emitter.emit(stringEvent(member[0]));
      else open(member[1]);
    } else {
      stack.pop();
      emitter.emit(MAPPING_END);
    }
  }
  return emitter.finish();
}
