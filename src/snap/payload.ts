// Summary of a snapshot's payload. In etcd 3.4/3.5 it is the v2 store as JSON
// ({"Root":{"Path":"/","Children":{...}}, "WatcherHub":...}); the v2 keyspace holds
// cluster membership (/0/members/<id>/attributes|raftAttributes) and /0/version.

export interface SnapMember {
  id: string;
  name?: string;
  clientURLs?: string[];
  peerURLs?: string[];
}

export interface SnapPayloadSummary {
  bytes: number;
  format: 'empty' | 'v2-store-json' | 'unknown';
  /** v2 store nodes (directories and values). */
  nodes?: number;
  values?: number;
  clusterVersion?: string;
  members?: SnapMember[];
  /** Why the payload could not be summarised. */
  error?: string;
}

interface V2Node {
  Path?: string;
  Value?: string;
  Children?: Record<string, V2Node> | null;
}

const MAX_DEPTH = 256;

export function summarizeSnapPayload(payload: Uint8Array): SnapPayloadSummary {
  if (payload.length === 0) return { bytes: 0, format: 'empty' };
  let doc: { Root?: V2Node };
  try {
    doc = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) as { Root?: V2Node };
  } catch (err) {
    return { bytes: payload.length, format: 'unknown', error: `not JSON: ${(err as Error).message}` };
  }
  if (!doc || typeof doc !== 'object' || !doc.Root || typeof doc.Root !== 'object') {
    return { bytes: payload.length, format: 'unknown', error: 'JSON without a v2 store Root' };
  }
  let nodes = 0;
  let values = 0;
  let clusterVersion: string | undefined;
  const members = new Map<string, SnapMember>();
  const stack: [V2Node, number][] = [[doc.Root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    nodes++;
    const children = n.Children && typeof n.Children === 'object' ? n.Children : undefined;
    if (!children) {
      values++;
      const path = typeof n.Path === 'string' ? n.Path : '';
      const value = typeof n.Value === 'string' ? n.Value : '';
      if (path === '/0/version') clusterVersion = value;
      const m = /^\/0\/members\/([0-9a-f]+)\/(attributes|raftAttributes)$/.exec(path);
      if (m) {
        const member = members.get(m[1]!) ?? { id: m[1]! };
        members.set(m[1]!, member);
        try {
          const attrs = JSON.parse(value) as { name?: unknown; clientURLs?: unknown; peerURLs?: unknown };
          if (typeof attrs.name === 'string') member.name = attrs.name;
          if (Array.isArray(attrs.clientURLs)) member.clientURLs = attrs.clientURLs.map(String);
          if (Array.isArray(attrs.peerURLs)) member.peerURLs = attrs.peerURLs.map(String);
        } catch {
          // attribute value is not JSON: keep the id only
        }
      }
      continue;
    }
    if (depth >= MAX_DEPTH) continue;
    for (const key of Object.keys(children)) {
      const c = children[key];
      if (c && typeof c === 'object') stack.push([c, depth + 1]);
    }
  }
  return {
    bytes: payload.length,
    format: 'v2-store-json',
    nodes,
    values,
    clusterVersion,
    members: [...members.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
