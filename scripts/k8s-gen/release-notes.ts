// Rendering changes that the testdata cannot show, taken from the Kubernetes release notes
// and the API types of the newest release. Every Time in the filled-in testdata is set, so
// no object of any release has a zero Time to show whether it renders.
//
// `omitzero` adoption: kubernetes PR #130989 ("Omit null creationTimestamp", CHANGELOG-1.34,
// v1.34.0-alpha.1: "Zero-value metadata.creationTimestamp values are now omitted and no
// longer serialize an explicit null in JSON, YAML, and CBOR output") tagged
// ObjectMeta.CreationTimestamp `json:"creationTimestamp,omitempty,omitzero"`. In
// k8s.io/api + k8s.io/apimachinery v0.36.3 it is the only `omitzero` tag of the API types
// (grep of the published modules), so it is the only such rule.

/** A struct field that gained `omitzero`: its zero renders `null` before `since` and is omitted from `since` on. */
export interface OmitZeroFact {
  /** JSON name of the field. */
  field: string;
  /** JSON name of another field of the same message that identifies the Go type (every copy of it in the schema). */
  sibling: string;
  /** The first release with the tag, `major.minor`. */
  since: string;
  source: string;
}

export const OMITZERO_FACTS: readonly OmitZeroFact[] = [
  { field: 'creationTimestamp', sibling: 'deletionTimestamp', since: '1.34', source: 'kubernetes PR #130989 (CHANGELOG-1.34)' },
];

/** `1.34` → [1, 34]; HEAD → [Infinity, 0]. */
export function releaseKey(name: string): [number, number] {
  if (/^head$/i.test(name)) return [Infinity, 0];
  const [a, b] = name.replace(/^v/, '').split('.').map(Number);
  return [a!, b!];
}

/** Ordinal (index into releaseNames, oldest first) of the newest release before `since`, or -1. */
export function lastReleaseBefore(releaseNames: string[], since: string): number {
  const s = releaseKey(since);
  let last = -1;
  releaseNames.forEach((r, i) => {
    const k = releaseKey(r);
    if (k[0] < s[0] || (k[0] === s[0] && k[1] < s[1])) last = i;
  });
  return last;
}
