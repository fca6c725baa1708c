// A safe subset of Go text/template for `extract --template` and `--filter`:
// literal text, field paths ({{.Key}}, {{.Value.metadata.name}}, {{.}}), comments
// ({{/* ... */}}) and the {{- / -}} whitespace trims. Nothing is evaluated as code:
// pipelines, functions, variables, range/if/with are refused with a usage error.
//
// Values print as Go's fmt does (see go-format.ts); a missing map key prints "<no value>",
// as text/template does for map[string]any. Unlike Go, a path through a missing or nil
// value also prints "<no value>" instead of failing the whole command.
import { UsageError } from '../../errors.js';
import { goSprint } from './go-format.js';

type Node = { kind: 'text'; text: string } | { kind: 'field'; path: string[]; source: string };

export interface Template {
  readonly source: string;
  readonly nodes: readonly Node[];
}

/** Marks an object whose fields are named like a Go struct's (KeySummary, Stats, TypeMeta). */
export const GO_STRUCT = Symbol('goStruct');

export type TemplateData = Record<string | symbol, unknown>;

const NO_VALUE = '<no value>';
const FIELD_PATH = /^\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?$/;

/** Parses a template; throws UsageError naming the unsupported action. */
export function parseTemplate(source: string): Template {
  const nodes: Node[] = [];
  let pos = 0;
  let trimNextText = false;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    let text = open < 0 ? source.slice(pos) : source.slice(pos, open);
    if (trimNextText) text = text.replace(/^\s+/, '');
    trimNextText = false;
    if (open < 0) {
      if (text) nodes.push({ kind: 'text', text });
      break;
    }
    const inner = source.indexOf('}}', open + 2);
    if (inner < 0) throw new UsageError(`template: unclosed action at offset ${open}`);
    let body = source.slice(open + 2, inner);
    if (body.startsWith('- ') || body === '-') {
      text = text.replace(/\s+$/, '');
      body = body.slice(1);
    }
    if (body.endsWith(' -')) {
      trimNextText = true;
      body = body.slice(0, -1);
    }
    if (text) nodes.push({ kind: 'text', text });
    const action = body.trim();
    pos = inner + 2;
    if (action.startsWith('/*') && action.endsWith('*/')) continue;
    if (!FIELD_PATH.test(action)) {
      throw new UsageError(`template: unsupported action {{${body}}}: only field paths like {{.Value.metadata.name}} are allowed`);
    }
    const path = action === '.' ? [] : action.slice(1).split('.');
    nodes.push({ kind: 'field', path, source: action });
  }
  return { source, nodes };
}

/** Looks up a field path; undefined = "<no value>". */
export function lookupPath(data: unknown, path: readonly string[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const obj = cur as TemplateData;
    if (obj[GO_STRUCT]) {
      if (!Object.prototype.hasOwnProperty.call(obj, seg)) {
        throw new UsageError(`template: can't evaluate field ${seg} (fields: ${Object.keys(obj).join(', ')})`);
      }
    } else if (!Object.prototype.hasOwnProperty.call(obj, seg)) {
      return undefined;
    }
    cur = obj[seg];
  }
  return cur;
}

function render(v: unknown): string {
  if (v === undefined) return NO_VALUE;
  if (v !== null && typeof v === 'object' && (v as TemplateData)[GO_STRUCT]) {
    const o = v as TemplateData;
    return '&{' + Object.keys(o).map((k) => render(o[k])).join(' ') + '}';
  }
  return goSprint(v);
}

/** Executes a parsed template over `data`. */
export function executeTemplate(t: Template, data: unknown): string {
  let out = '';
  for (const n of t.nodes) out += n.kind === 'text' ? n.text : render(lookupPath(data, n.path));
  return out;
}

/** One `--filter` constraint: `<field path>=<value>`, compared as printed text. */
export interface FieldFilter {
  path: string[];
  source: string;
  value: string;
}

/** Parses auger's filter syntax: comma-separated `.<path>=<value>` equality constraints. */
export function parseFilters(spec: string): FieldFilter[] {
  const out: FieldFilter[] = [];
  for (const part of spec.split(',')) {
    const pieces = part.split('=');
    if (pieces.length !== 2) throw new UsageError(`failed to parse filter '${part}' (expected .<field>=<value>)`);
    const lhs = pieces[0]!.trim();
    const rhs = pieces[1]!.trim();
    if (!FIELD_PATH.test(lhs) || lhs === '.') throw new UsageError(`filter field '${lhs}' is not a field path like .Value.metadata.namespace`);
    out.push({ path: lhs.slice(1).split('.'), source: lhs, value: rhs });
  }
  return out;
}

/** True when every filter's field prints as its value. */
export function matchesFilters(filters: readonly FieldFilter[], data: unknown): boolean {
  for (const f of filters) if (render(lookupPath(data, f.path)) !== f.value) return false;
  return true;
}
