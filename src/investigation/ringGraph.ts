import type { Hub, IdentifierKind, RingTool } from '../contract/ring';
import { describeHub } from '../wording/ringWording';
import type { GraphHubRow, GraphRow, MemberWithProfile, RingGraphRows, RingStore } from './ports';
import type { Redactor } from './redaction';
import { unknownRing } from './ringMembers';
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

/** The node label each kind of identifier carries in the graph; a campaign template is a node of its own. */
export const NODE_TYPE_OF_KIND: Record<IdentifierKind, string> = {
  phone: 'Phone',
  device: 'Device',
  voice: 'Voiceprint',
  adSource: 'AdSource',
  template: 'CampaignTemplate',
};
const KIND_OF_NODE_TYPE = new Map(Object.entries(NODE_TYPE_OF_KIND).map(([kind, type]) => [type, kind as IdentifierKind]));

const scalar = (v: unknown): string | number | boolean | null =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;

/** `Type:key`, with a phone's number replaced by a pseudonym for readers who may not see it. */
const nodeId = (type: string, key: string, redactor: Redactor) => `${type}:${type === 'Phone' ? redactor.phoneKey(key) : key}`;

/** What each kind of node shows; free texts and ID hashes stay out of the picture. */
function describe(end: Endpoint, redactor: Redactor): { id: string; label: string; attributes: Attributes } {
  const p = end.props;
  const id = nodeId(end.type, end.key, redactor);
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

/** Marks on a tool node: what kind of tool, its rank, and how many members it serves. */
const toolMarks = (tool: RingTool): Attributes => ({ tool: true, toolKind: tool.kind, rank: tool.rank, members: tool.members, degree: tool.degree });

/** Marks on an identifier the run set aside: cut or down-weighted, by how much, and why in words. */
function hubMarks(row: GraphHubRow): Attributes {
  const hub: Hub = { ...row, kind: KIND_OF_NODE_TYPE.get(row.type) ?? 'device' };
  return { hub: row.action, hubDegree: row.degree, hubLimit: row.limit, hubUsage: row.usage, hubReason: describeHub(hub) };
}

/**
 * The ring's evidence graph: the ring, its members (with role and tie weight), what they
 * used and did, the tools the agent used (marked with rank and the members each serves;
 * a campaign template, which is no identifier in the data, is tied to the members who filed
 * its text), and the identifiers the run cut as hubs (marked, so a picture can fade them).
 * Personal data is masked by the redactor before anything leaves here.
 */
export function buildRingGraph(ringId: string, found: RingGraphRows, redactor: Redactor): RingGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, Edge>();
  let truncated = false;
  const add = (node: GraphNode): boolean => {
    if (nodes.has(node.id)) return true;
    if (nodes.size >= GRAPH_LIMITS.maxNodes) return (truncated = true) && false;
    nodes.set(node.id, node);
    return true;
  };
  const link = (source: string, type: string, target: string) => edges.set(`${source}>${type}>${target}`, { source, target, type });
  const ringNode = `Ring:${ringId}`;
  add({ id: ringNode, label: ringId, type: 'Ring', attributes: { score: found.score } });
  const members: MemberWithProfile[] = [];
  for (const m of found.members) {
    const id = `Borrower:${m.borrowerId}`;
    if (!add({ id, label: redactor.name(m.name) ?? m.borrowerId, type: 'Borrower', attributes: { borrowerId: m.borrowerId, role: m.role, weight: m.weight } })) break;
    members.push(m);
    link(id, 'MEMBER_OF', ringNode);
  }
  for (const row of found.rows) {
    const source = describe(row.source, redactor);
    const target = describe(row.target, redactor);
    if (!add({ ...source, type: row.source.type }) || !add({ ...target, type: row.target.type })) continue;
    link(source.id, row.type, target.id);
  }
  for (const tool of found.tools) {
    const type = NODE_TYPE_OF_KIND[tool.kind];
    const id = nodeId(type, tool.id, redactor);
    const label = tool.kind === 'phone' ? redactor.phone(tool.id) : tool.id;
    if (!add({ id, label, type, attributes: {} })) continue;
    Object.assign(nodes.get(id)!.attributes, toolMarks(tool));
    link(ringNode, 'USES_TOOL', id);
  }
  // A template ties members through the text they filed, which no stored relationship says.
  for (const m of members) {
    for (const reason of m.reasons) {
      if (reason.kind !== 'sharedIdentifier' || reason.identifier.kind !== 'template') continue;
      const id = nodeId('CampaignTemplate', reason.identifier.id, redactor);
      if (nodes.has(id)) link(`Borrower:${m.borrowerId}`, 'FILED_CAMPAIGN_TEXT', id);
    }
  }
  for (const hub of found.hubs) {
    const node = nodes.get(nodeId(hub.type, hub.id, redactor));
    if (node) Object.assign(node.attributes, hubMarks(hub));
  }
  return { ringId, nodes: [...nodes.values()], edges: [...edges.values()], truncated, maxNodes: GRAPH_LIMITS.maxNodes };
}

export async function ringGraph(store: RingStore, redactor: Redactor, ringId: string): Promise<RingGraph> {
  const found = await store.graphRows(ringId, { members: GRAPH_LIMITS.members, rows: GRAPH_LIMITS.rows });
  if (!found) throw unknownRing(ringId);
  return buildRingGraph(ringId, found, redactor);
}
