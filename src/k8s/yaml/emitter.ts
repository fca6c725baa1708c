// The go-yaml v2 emitter (emitterc.go, itself a port of libyaml), reduced to what
// yaml.Marshal of decoded JSON produces: one implicit document, block mappings and
// sequences, empty ones as flow "{}" / "[]" (the only flow collections it writes, so
// flow_level is never above 0 while a scalar is written), scalars without tags or anchors.
// It is the same event-driven state machine, so the output matches byte for byte,
// including its column bookkeeping (one column per code point, best width 80, best
// indent 2), the "indentless" block sequences under a mapping key, simple-key limits
// (a key longer than 128 UTF-8 bytes or spanning lines becomes "? key"), and the
// scalar writers' line folding. It never recurses per nesting level.

export const STYLE_PLAIN = 1;
export const STYLE_SINGLE_QUOTED = 2;
export const STYLE_DOUBLE_QUOTED = 3;
export const STYLE_LITERAL = 4;
export type ScalarStyle = typeof STYLE_PLAIN | typeof STYLE_SINGLE_QUOTED | typeof STYLE_DOUBLE_QUOTED | typeof STYLE_LITERAL;

export const EV_SCALAR = 1;
export const EV_SEQUENCE_START = 2;
export const EV_SEQUENCE_END = 3;
export const EV_MAPPING_START = 4;
export const EV_MAPPING_END = 5;

export interface ScalarEvent {
  type: typeof EV_SCALAR;
  value: string;
  style: ScalarStyle;
  /** analyzeScalar(value) when the caller has it already (it depends on the value only). */
  analysis?: ScalarAnalysis;
}
export interface CollectionStartEvent {
  type: typeof EV_SEQUENCE_START | typeof EV_MAPPING_START;
  /** The matching end event comes next (what check_empty_sequence/mapping look ahead for). */
  empty: boolean;
}
export interface CollectionEndEvent {
  type: typeof EV_SEQUENCE_END | typeof EV_MAPPING_END;
}
export type YamlEvent = ScalarEvent | CollectionStartEvent | CollectionEndEvent;

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
const MAX_SIMPLE_KEY_BYTES = 128;

const enum State {
  DocumentContent,
  DocumentEnd,
  EmptyFlowSequence,
  EmptyFlowMapping,
  BlockSequenceFirstItem,
  BlockSequenceItem,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingSimpleValue,
  BlockMappingValue,
}

// --- character classes (yamlprivateh.go), on code points ------------------------------

/** is_printable: what may appear unescaped (note: not TAB, not astral characters). */
function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}
function isBreak(c: number): boolean {
  return c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
function isBlankZ(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0 || isBreak(c);
}

/** Code point at UTF-16 index i (-1 past the end). */
function cpAt(s: string, i: number): number {
  if (i >= s.length) return -1;
  return s.codePointAt(i)!;
}
function cpWidth(c: number): number {
  return c > 0xffff ? 2 : 1;
}

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) n += 1;
      else if (c >= 0xd800 && c <= 0xdbff) {
        n += 2; // 4 bytes for the pair (2 code units)
        i++;
      } else n += 2;
    }
  }
  return n;
}

/** What yaml_emitter_analyze_scalar found out about one scalar. */
export interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const EMPTY_SCALAR: ScalarAnalysis = {
  multiline: false,
  blockPlainAllowed: true,
  singleQuotedAllowed: true,
  blockAllowed: false,
};

// Plain text made of these characters only needs no per-character analysis:
// letters, digits and ".-_/" (no indicators, spaces, breaks or special characters).
const SIMPLE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const SIMPLE_ANALYSIS: ScalarAnalysis = {
  multiline: false,
  blockPlainAllowed: true,
  singleQuotedAllowed: true,
  blockAllowed: true,
};

export function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) return EMPTY_SCALAR;
  if (SIMPLE_PLAIN.test(value) && !value.startsWith('---') && !value.startsWith('...')) return SIMPLE_ANALYSIS;
  // Only the block-context flags are kept: flow-context plain style never applies
  // (see the header), so go-yaml's flow_indicators/flow_plain_allowed are left out.
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < value.length; ) {
    const c = value.codePointAt(i)!;
    const w = cpWidth(c);
    const last = i + w >= value.length;
    const followedByWhitespace = last || isBlank(value.charCodeAt(i + w));
    if (i === 0) {
      switch (c) {
        case 0x23: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: // # , [ ] { }
        case 0x26: case 0x2a: case 0x21: case 0x7c: case 0x3e: case 0x27: // & * ! | > '
        case 0x22: case 0x25: case 0x40: case 0x60: // " % @ `
          blockIndicators = true;
          break;
        case 0x3f: case 0x3a: case 0x2d: // ? : - (only when followed by a blank)
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if ((c === 0x3a && followedByWhitespace) || (c === 0x23 && precededByWhitespace)) {
      blockIndicators = true; // ": " and " #"
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
    i += w;
  }

  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.blockPlainAllowed = false;
  }
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

const HEX = '0123456789ABCDEF';

/** Collects YAML text from events; `finish()` returns the document. */
export class YamlEmitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private state: State = State.DocumentContent;
  private readonly states: State[] = [];
  private mappingContext = false;
  private simpleKeyContext = false;
  private analysis: ScalarAnalysis = EMPTY_SCALAR;

  emit(ev: YamlEvent): void {
    if (ev.type === EV_SCALAR) this.analysis = ev.analysis ?? analyzeScalar(ev.value);
    switch (this.state) {
      case State.DocumentContent:
        this.states.push(State.DocumentEnd);
        return this.emitNode(ev, false, false);
      case State.EmptyFlowSequence:
        return this.emitEmptyFlowCollection(ev, '[', ']', EV_SEQUENCE_END);
      case State.EmptyFlowMapping:
        return this.emitEmptyFlowCollection(ev, '{', '}', EV_MAPPING_END);
      case State.BlockSequenceFirstItem:
        return this.emitBlockSequenceItem(ev, true);
      case State.BlockSequenceItem:
        return this.emitBlockSequenceItem(ev, false);
      case State.BlockMappingFirstKey:
        return this.emitBlockMappingKey(ev, true);
      case State.BlockMappingKey:
        return this.emitBlockMappingKey(ev, false);
      case State.BlockMappingSimpleValue:
        return this.emitBlockMappingValue(ev, true);
      case State.BlockMappingValue:
        return this.emitBlockMappingValue(ev, false);
      case State.DocumentEnd:
        throw new Error('yaml emitter: event after the end of the document');
    }
  }

  /**
   * The text emit_scalar writes for a scalar that is a block mapping value or a block
   * sequence item, the writer standing just after the ':' or '-' indicator at `column`, in
   * a collection indented at `indent` (what a folded line continues at, plus 2). A literal
   * block that ends with a line break leaves the writer at a line start, whitespace and
   * indention set: the next line then begins without a break of its own.
   */
  static blockValueScalar(value: string, style: ScalarStyle, column: number, indent: number): string {
    return YamlEmitter.standingAt(column, indent, false).scalarText(value, style);
  }

  /**
   * The text of a simple key of a block mapping (emit_node with simple_key_context), the
   * writer at column `indent` after write_indent; undefined when it is no simple key
   * (multi-line, or over 128 UTF-8 bytes: the emitter writes "? key").
   */
  static simpleKeyScalar(value: string, style: ScalarStyle, indent: number): string | undefined {
    const e = YamlEmitter.standingAt(indent, indent, true);
    e.analysis = analyzeScalar(value);
    return e.checkSimpleKey({ type: EV_SCALAR, value, style }) ? e.scalarText(value, style) : undefined;
  }

  /** An emitter inside a block mapping at `indent`, the writer at `column`: at a key's start (after write_indent) or after an indicator. */
  private static standingAt(column: number, indent: number, atKey: boolean): YamlEmitter {
    const e = new YamlEmitter();
    e.column = column;
    e.indent = indent;
    e.whitespace = atKey;
    e.indention = atKey;
    e.mappingContext = true;
    e.simpleKeyContext = atKey;
    e.states.push(State.DocumentEnd);
    return e;
  }

  /** emit_scalar from the state set up, returning what it wrote. */
  private scalarText(value: string, style: ScalarStyle): string {
    this.analysis = analyzeScalar(value);
    this.emitScalar({ type: EV_SCALAR, value, style });
    return this.out;
  }

  /** DOCUMENT-END (implicit) and STREAM-END: returns the text. */
  finish(): string {
    if (this.state !== State.DocumentEnd) throw new Error('yaml emitter: document not complete');
    this.writeIndent();
    return this.out;
  }

  // --- state handlers ------------------------------------------------------------------

  private popState(): void {
    this.state = this.states.pop()!;
  }
  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  /**
   * emit_flow_sequence_item / emit_flow_mapping_key for the only flow collections
   * yaml.Marshal of decoded JSON produces: empty ones ("[]", "{}"), chosen by
   * check_empty_sequence/mapping. Their next event is the matching end.
   */
  private emitEmptyFlowCollection(ev: YamlEvent, open: string, close: string, endType: number): void {
    this.writeIndicator(open, true, true, false);
    if (ev.type !== endType) throw new Error('yaml emitter: items in a collection announced as empty');
    this.writeIndicator(close, false, false, false);
    this.popState();
  }

  private emitBlockSequenceItem(ev: YamlEvent, first: boolean): void {
    if (first) this.increaseIndent(false, this.mappingContext && !this.indention);
    if (ev.type === EV_SEQUENCE_END) {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    this.writeIndicator('-', true, false, true);
    this.states.push(State.BlockSequenceItem);
    this.emitNode(ev, false, false);
  }

  private emitBlockMappingKey(ev: YamlEvent, first: boolean): void {
    if (first) this.increaseIndent(false, false);
    if (ev.type === EV_MAPPING_END) {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    if (this.checkSimpleKey(ev)) {
      this.states.push(State.BlockMappingSimpleValue);
      this.emitNode(ev, true, true);
      return;
    }
    this.writeIndicator('?', true, false, true);
    this.states.push(State.BlockMappingValue);
    this.emitNode(ev, true, false);
  }

  private emitBlockMappingValue(ev: YamlEvent, simple: boolean): void {
    if (simple) this.writeIndicator(':', false, false, false);
    else {
      this.writeIndent();
      this.writeIndicator(':', true, false, true);
    }
    this.states.push(State.BlockMappingKey);
    this.emitNode(ev, true, false);
  }

  /** emit_node; the root and sequence contexts only matter for tags, anchors and "...". */
  private emitNode(ev: YamlEvent, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (ev.type) {
      case EV_SCALAR:
        return this.emitScalar(ev);
      case EV_SEQUENCE_START:
        this.state = ev.empty ? State.EmptyFlowSequence : State.BlockSequenceFirstItem;
        return;
      case EV_MAPPING_START:
        this.state = ev.empty ? State.EmptyFlowMapping : State.BlockMappingFirstKey;
        return;
      default:
        throw new Error('yaml emitter: expected SCALAR, SEQUENCE-START or MAPPING-START');
    }
  }

  private emitScalar(ev: ScalarEvent): void {
    const style = this.selectScalarStyle(ev);
    this.increaseIndent(true, false);
    switch (style) {
      case STYLE_PLAIN:
        this.writePlainScalar(ev.value, !this.simpleKeyContext);
        break;
      case STYLE_SINGLE_QUOTED:
        this.writeSingleQuotedScalar(ev.value, !this.simpleKeyContext);
        break;
      case STYLE_DOUBLE_QUOTED:
        this.writeDoubleQuotedScalar(ev.value, !this.simpleKeyContext);
        break;
      case STYLE_LITERAL:
        this.writeLiteralScalar(ev.value);
        break;
    }
    this.popIndent();
    this.popState();
  }

  private checkSimpleKey(ev: YamlEvent): boolean {
    switch (ev.type) {
      case EV_SCALAR:
        if (this.analysis.multiline) return false;
        return utf8Length(ev.value) <= MAX_SIMPLE_KEY_BYTES;
      case EV_SEQUENCE_START:
      case EV_MAPPING_START:
        return ev.empty;
      default:
        return false;
    }
  }

  private selectScalarStyle(ev: ScalarEvent): ScalarStyle {
    const a = this.analysis;
    let style: ScalarStyle = ev.style;
    if (this.simpleKeyContext && a.multiline) style = STYLE_DOUBLE_QUOTED;
    if (style === STYLE_PLAIN) {
      if (!a.blockPlainAllowed) style = STYLE_SINGLE_QUOTED;
      if (ev.value.length === 0 && this.simpleKeyContext) style = STYLE_SINGLE_QUOTED;
    }
    if (style === STYLE_SINGLE_QUOTED && !a.singleQuotedAllowed) style = STYLE_DOUBLE_QUOTED;
    if (style === STYLE_LITERAL && (!a.blockAllowed || this.simpleKeyContext)) {
      style = STYLE_DOUBLE_QUOTED;
    }
    return style;
  }

  // --- low-level writers -------------------------------------------------------------

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** write(): one character (code point c, `w` UTF-16 units at s[i]). */
  private writeChar(s: string, i: number, w: number): void {
    this.out += w === 1 ? s[i] : s.slice(i, i + w);
    this.column++;
  }

  /** write_break(): '\n' becomes a line break; other breaks are copied and reset the column. */
  private writeBreak(s: string, i: number, c: number, w: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeChar(s, i, w);
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out += indicator;
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writePlainScalar(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (value.indexOf(' ') < 0 && !this.analysis.multiline) {
      // Fast path: no spaces to break at and no line breaks; one column per code point.
      this.out += value;
      this.column += codePointCount(value);
    } else this.writeFoldable(value, allowBreaks, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuotedScalar(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    this.writeFoldable(value, allowBreaks, true);
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * The shared loop of write_plain_scalar and write_single_quoted_scalar: a single space
   * past column 80 becomes a line break (plain text never starts or ends with a space,
   * so the quoted writer's "not first, not last" test changes nothing for it), breaks
   * are written as breaks, and inside single quotes a quote is doubled.
   */
  private writeFoldable(value: string, allowBreaks: boolean, singleQuoted: boolean): void {
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; ) {
      const c = value.codePointAt(i)!;
      const w = cpWidth(c);
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < value.length - 1 && cpAt(value, i + 1) !== 0x20) {
          this.writeIndent();
        } else this.writeChar(value, i, w);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(value, i, c, w);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (singleQuoted && c === 0x27) this.put("'");
        this.writeChar(value, i, w);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
      i += w;
    }
  }

  private writeDoubleQuotedScalar(value: string, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    // is_bom() looks at the start of the whole value, so a leading U+FEFF escapes everything.
    const bom = value.charCodeAt(0) === 0xfeff;
    for (let i = 0; i < value.length; ) {
      const c = value.codePointAt(i)!;
      const w = cpWidth(c);
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        this.writeEscape(c);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < value.length - 1) {
          this.writeIndent();
          if (cpAt(value, i + 1) === 0x20) this.put('\\');
        } else this.writeChar(value, i, w);
        spaces = true;
      } else {
        this.writeChar(value, i, w);
        spaces = false;
      }
      i += w;
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeEscape(c: number): void {
    let e: string;
    switch (c) {
      case 0x00: e = '0'; break;
      case 0x07: e = 'a'; break;
      case 0x08: e = 'b'; break;
      case 0x09: e = 't'; break;
      case 0x0a: e = 'n'; break;
      case 0x0b: e = 'v'; break;
      case 0x0c: e = 'f'; break;
      case 0x0d: e = 'r'; break;
      case 0x1b: e = 'e'; break;
      case 0x22: e = '"'; break;
      case 0x5c: e = '\\'; break;
      case 0x85: e = 'N'; break;
      case 0xa0: e = '_'; break;
      case 0x2028: e = 'L'; break;
      case 0x2029: e = 'P'; break;
      default: {
        const digits = c <= 0xff ? 2 : c <= 0xffff ? 4 : 8;
        e = digits === 2 ? 'x' : digits === 4 ? 'u' : 'U';
        for (let k = (digits - 1) * 4; k >= 0; k -= 4) e += HEX[(c / 2 ** k) & 0x0f];
      }
    }
    this.out += e;
    this.column += e.length;
  }

  private writeBlockScalarHints(value: string): void {
    const first = value.codePointAt(0)!;
    if (first === 0x20 || isBreak(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    // Last and second-to-last code points.
    let i = value.length - 1;
    if (i > 0 && value.charCodeAt(i) >= 0xdc00 && value.charCodeAt(i) <= 0xdfff) i--;
    const last = value.codePointAt(i)!;
    if (!isBreak(last)) chomp = '-';
    else if (i === 0) chomp = '+';
    else {
      let j = i - 1;
      if (j > 0 && value.charCodeAt(j) >= 0xdc00 && value.charCodeAt(j) <= 0xdfff) j--;
      if (isBreak(value.codePointAt(j)!)) chomp = '+';
    }
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteralScalar(value: string): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < value.length; ) {
      const c = value.codePointAt(i)!;
      const w = cpWidth(c);
      if (isBreak(c)) {
        this.writeBreak(value, i, c, w);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(value, i, w);
        this.indention = false;
        breaks = false;
      }
      i += w;
    }
  }
}

function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}
