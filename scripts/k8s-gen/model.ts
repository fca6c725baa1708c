// In-memory schema being derived: one GenNode per (kind, path), merged over all releases.

export interface GenSpec {
  /** Same codes as src/k8s/schema.ts; 'z' = a zero Time whose precision is not known yet. */
  code: string;
  child?: GenNode;
  elem?: GenSpec;
}

export class GenField {
  /** JSON name → evidence weight (unique matches weigh more than order-broken ties). */
  readonly names = new Map<string, number>();
  spec: GenSpec | undefined;
  repeated = false;
  map = false;
  inline = false;
  packed = false;
  /** Parent instances where the field was on the wire. */
  present = 0;
  /** On the wire with a zero value and left out of the JSON (non-pointer, omitempty). */
  zeroOmitted = 0;
  /** On the wire with a zero value and rendered in the JSON (pointer or no omitempty). */
  zeroRendered = 0;
  /** Second pass (pointer-evidence.ts), by name: zero on the wire and the JSON key present / absent. */
  zeroShown = 0;
  zeroHidden = 0;
  /** Releases (index, 0 = newest) whose own objects (not after_roundtrip) have the field on the wire or its key in the JSON. */
  readonly seenPlainIn = new Set<number>();
  /** Releases whose own objects show / hide a zero of this field. */
  readonly zeroShownIn = new Set<number>();
  readonly zeroHiddenIn = new Set<number>();
  /** Releases whose after_roundtrip objects hide a zero of this field (a newer writer, not named, omitted it). */
  readonly zeroHiddenAfter = new Set<number>();
  /** Objects where the field was off the wire and its key still in the JSON (null / zero: no omitempty). */
  nullShown = 0;
  /** Of those, how many showed `null` (a pointer scalar) rather than a zero. */
  nullShownNull = 0;
  /** Releases whose own objects had the field off the wire and its key out of the JSON. */
  readonly nullHiddenIn = new Set<number>();
  required = false;
  /** OpenAPI description (the newest spec's), for pointer hints. */
  description: string | undefined;
  /** Release index (0 = newest) → instances of the parent where the field was on the wire. */
  readonly presentIn = new Map<number, number>();
  constructor(readonly no: number) {}

  /** A name seen as a unique (untied) match. */
  strongName: string | undefined;

  get name(): string | undefined {
    let best: string | undefined;
    let n = -1;
    for (const [k, c] of this.names) if (c > n) [best, n] = [k, c];
    return best;
  }
}

export class GenNode {
  readonly fields = new Map<number, GenField>();
  /** Observed JSON key orders (inline fields as `\0<no>`), newest data first. */
  readonly orders: string[][] = [];
  instances = 0;
  /** Releases (index, 0 = newest) with an object of their own (not after_roundtrip) holding this message. */
  readonly seenPlainIn = new Set<number>();
  /** Release index (0 = newest) → instances seen. */
  readonly instancesIn = new Map<number, number>();
  constructor(readonly path: string) {}

  field(no: number): GenField {
    let f = this.fields.get(no);
    if (!f) {
      f = new GenField(no);
      this.fields.set(no, f);
    }
    return f;
  }
}
