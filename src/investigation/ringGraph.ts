import type { GraphRow } from './ports';
import type { Redactor } from './redaction';
import { unknownRing } from './ringMembers';
import type { RingStore } from './ports';
import type { Edge } from './schemas/common';
import type { GraphNode, RingGraph } from './schemas/ringDetail';

/**
 * A browser draws a few thousand nodes comfortably; past that the picture stops being
 * readable anyway. Members come first (strongest ties first), so a cut drops the
 * periphery of the evidence, never the ring's core.
 */
export const GRAPH_LIMITS = { maxNodes: 1_500, members: 300, rows: 6_000 };

type Attributes = GraphNode['attributes'];
type Endpoint = GraphRow['source'];

const scalar = (v: unknown): string | number | boolean | null =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;

/** What each kind of node shows; free texts and ID hashes stay out of the picture. */
function describe(end: Endpoint, redactor: Redactor): { id: string; label: string; attributes: Attributes } {
  const p = end.props;
  const key = end.type === 'Phone' ? redactor.phoneKey(end.key) : end.key;
  const id = `${end.type}:${key}`;
  switch (end.type) {
    case 'Borrower':
      return { id, label: redactor.name(scalar(p.name) as string | null) ?? end.key, attributes: { borrowerId: end.key, overdueDays: scalar(p.overdueDays) } };
    case 'Phone':
      return { id, label: redactor.phone(end.key), attributes: {} };
    case 'Complaint':
      return { id, label: String(p.claim ?? end.key), attributes: { filedAt: scalar(p.filedAt), claim: scalar(p.claim) } };
    case 'Call':
      return { id, label: end.key, attributes: { at: scalar(p.at), voiceMatch: scalar(p.voiceMatch), identityVerified: scalar(p.identityVerified) } };
    case 'AdSource':
      return { id, label: String(p.label ?? end.key), attributes: { kind: scalar(p.kind) } };
    case 'ComplaintChannel':
      return { id, label: String(p.name ?? end.key), attributes: { kind: scalar(p.kind) } };
    default:
      return { id, label: end.key, attributes: {} };
  }
}

export function buildRingGraph(ringId: string, score: number, members: { borrowerId: string; name: string | null; role: string; weight: number }[], rows: GraphRow[], redactor: Redactor): RingGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, Edge>();
  let truncated = false;
  const add = (node: GraphNode): boolean => {
    if (nodes.has(node.id)) return true;
    if (nodes.size >= GRAPH_LIMITS.maxNodes) return (truncated = true) && false;
    nodes.set(node.id, node);
    return true;
  };
  const ringNode = `Ring:${ringId}`;
  add({ id: ringNode, label: ringId, type: 'Ring', attributes: { score } });
  for (const m of members) {
    const id = `Borrower:${m.borrowerId}`;
    if (!add({ id, label: redactor.name(m.name) ?? m.borrowerId, type: 'Borrower', attributes: { borrowerId: m.borrowerId, role: m.role, weight: m.weight } })) break;
    edges.set(`${id}>MEMBER_OF>${ringNode}`, { source: id, target: ringNode, type: 'MEMBER_OF' });
  }
  for (const row of rows) {
    const source = describe(row.source, redactor);
    const target = describe(row.target, redactor);
    if (!add({ ...source, type: row.source.type }) || !add({ ...target, type: row.target.type })) continue;
    edges.set(`${source.id}>${row.type}>${target.id}`, { source: source.id, target: target.id, type: row.type });
  }
  return { ringId, nodes: [...nodes.values()], edges: [...edges.values()], truncated, maxNodes: GRAPH_LIMITS.maxNodes };
}

export async function ringGraph(store: RingStore, redactor: Redactor, ringId: string): Promise<RingGraph> {
  const found = await store.graphRows(ringId, { members: GRAPH_LIMITS.members, rows: GRAPH_LIMITS.rows });
  if (!found) throw unknownRing(ringId);
  return buildRingGraph(ringId, found.score, found.members, found.rows, redactor);
}
