import type { RingGraph } from './schemas/ringDetail';

/**
 * How a ring's evidence graph is drawn, decided once for both pictures of it: the
 * interactive ring view in the browser (bundled from this file) and the static SVG on the
 * evidence pack's first page. Members are coloured by role, the agent's tools by kind and
 * sized by how many members they serve, hubs the run cut are faded, and complaints and
 * calls are small dots that carry their time (the view's timeline filters them).
 */

export type PictureRole = 'ring' | 'operated' | 'peripheral' | 'tool' | 'identifier' | 'hub' | 'complaint' | 'call' | 'channel';

export interface PictureNode {
  id: string;
  label: string;
  type: string;
  role: PictureRole;
  color: string;
  size: number;
  /** Cut or down-weighted as a hub by the run: drawn faint, it tied strangers together and was not used. */
  faded: boolean;
  /** Complaints and calls: when they happened (ISO-8601), or null when the record has no time. */
  at: string | null;
}

export interface PictureEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  /**
   * `evidence`: a stored relationship. `ring`: the ring to a member or tool, kept light.
   * `throughEvent`: a member to the phone, device or voice one of its complaints or calls
   * came from, drawn when complaints and calls themselves are not.
   */
  kind: 'evidence' | 'ring' | 'throughEvent';
}

export interface RingPicture {
  nodes: PictureNode[];
  edges: PictureEdge[];
}

/** Kinds of tool, each in its own hue; identifiers that are no tool share one grey. */
export const TOOL_COLORS: Record<string, string> = {
  phone: '#1f6fb4',
  device: '#2e9e44',
  voice: '#8a4fc7',
  adSource: '#9a6132',
  template: '#d6489f',
};

export const ROLE_COLORS: Record<Exclude<PictureRole, 'tool'>, string> = {
  ring: '#2f3640',
  operated: '#d7301f',
  peripheral: '#f5a623',
  identifier: '#8d96a3',
  hub: '#cfd4db',
  complaint: '#17a2b8',
  call: '#a3a82c',
  channel: '#6c757d',
};

export const EDGE_COLORS: Record<PictureEdge['kind'], string> = { evidence: '#b9c0c9', ring: '#e3e6ea', throughEvent: '#9aa3ad' };

/** What the legend says each role is. */
export const ROLE_WORDS: Record<PictureRole, string> = {
  ring: 'the ring',
  operated: 'member operated by someone else',
  peripheral: 'member tied in by weaker means',
  tool: "agent's tool (size: members it serves)",
  identifier: 'other phone, device, voice or ad source',
  hub: 'hub the analysis cut (ignored)',
  complaint: 'complaint',
  call: 'call',
  channel: 'complaint channel',
};

const IDENTIFIER_TYPES = new Set(['Phone', 'Device', 'Voiceprint', 'AdSource', 'CampaignTemplate']);
const EVENT_LINKS = new Set(['FROM_PHONE', 'FROM_DEVICE', 'SPOKEN_BY']);

type GraphNode = RingGraph['nodes'][number];

function roleOf(node: GraphNode): PictureRole {
  const a = node.attributes;
  if (node.type === 'Ring') return 'ring';
  if (node.type === 'Borrower') return a.role === 'operated' ? 'operated' : 'peripheral';
  if (node.type === 'Complaint') return 'complaint';
  if (node.type === 'Call') return 'call';
  if (node.type === 'ComplaintChannel') return 'channel';
  if (a.tool === true) return 'tool';
  if (a.hub === 'cut') return 'hub';
  return 'identifier';
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Sizes in picture units: a tool grows with the square root of the members it serves, so ten members read as about three times one. */
function sizeOf(node: GraphNode, role: PictureRole): number {
  switch (role) {
    case 'ring':
      return 9;
    case 'operated':
    case 'peripheral':
      return 5 + 3 * num(node.attributes.weight, 0.5);
    case 'tool':
      return 4 + 2.5 * Math.sqrt(num(node.attributes.members, 1));
    case 'complaint':
    case 'call':
      return 2.2;
    default:
      return 3.5;
  }
}

function colorOf(node: GraphNode, role: PictureRole): string {
  if (role === 'tool') return TOOL_COLORS[String(node.attributes.toolKind)] ?? ROLE_COLORS.identifier;
  return ROLE_COLORS[role];
}

const timeOf = (node: GraphNode): string | null => {
  const at = node.type === 'Complaint' ? node.attributes.filedAt : node.type === 'Call' ? node.attributes.at : null;
  return typeof at === 'string' ? at : null;
};

/**
 * The picture of a ring's graph. With `events: false` (the printed pack), complaints,
 * calls and channels are left out and each member is tied straight to the phones, devices
 * and voices its complaints and calls came from, so the picture keeps the ties that matter.
 * With `events: true` (the view), both are there: the direct ties carry the layout when
 * the timeline hides events.
 */
export function ringPicture(graph: RingGraph, options: { events: boolean }): RingPicture {
  const nodes = new Map<string, PictureNode>();
  for (const node of graph.nodes) {
    const role = roleOf(node);
    if (!options.events && (role === 'complaint' || role === 'call' || role === 'channel')) continue;
    nodes.set(node.id, {
      id: node.id,
      label: node.label,
      type: node.type,
      role,
      color: colorOf(node, role),
      size: sizeOf(node, role),
      faded: node.attributes.hub === 'cut',
      at: timeOf(node),
    });
  }
  const edges = new Map<string, PictureEdge>();
  const add = (source: string, target: string, type: string, kind: PictureEdge['kind']) => {
    if (source === target || !nodes.has(source) || !nodes.has(target)) return;
    const id = `${source}>${type}>${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, type, kind });
  };
  // Who filed or was called about each event, to tie members straight to what the event came from.
  const borrowerOf = new Map<string, string>();
  for (const e of graph.edges) {
    if (e.type === 'FILED') borrowerOf.set(e.target, e.source);
    if (e.type === 'ABOUT') borrowerOf.set(e.source, e.target);
  }
  for (const e of graph.edges) {
    add(e.source, e.target, e.type, e.type === 'MEMBER_OF' || e.type === 'USES_TOOL' ? 'ring' : 'evidence');
    const borrower = EVENT_LINKS.has(e.type) ? borrowerOf.get(e.source) : undefined;
    if (borrower && IDENTIFIER_TYPES.has(e.target.slice(0, e.target.indexOf(':')))) add(borrower, e.target, 'THROUGH_EVENT', 'throughEvent');
  }
  if (!options.events) dropPrivateIdentifiers(nodes, edges);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * On paper, a phone or device only one member used says nothing about the ring and
 * crowds out what does; it stays in the interactive view, where it can be clicked.
 */
function dropPrivateIdentifiers(nodes: Map<string, PictureNode>, edges: Map<string, PictureEdge>): void {
  const members = new Map<string, Set<string>>();
  for (const e of edges.values()) {
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]] as const) {
      const role = nodes.get(b)?.role;
      if (role === 'operated' || role === 'peripheral') members.set(a, (members.get(a) ?? new Set()).add(b));
    }
  }
  for (const node of [...nodes.values()]) {
    if (node.role === 'identifier' && (members.get(node.id)?.size ?? 0) < 2) nodes.delete(node.id);
  }
  for (const [id, e] of edges) if (!nodes.has(e.source) || !nodes.has(e.target)) edges.delete(id);
}

/** The roles a picture actually holds, in legend order. */
export const rolesIn = (picture: RingPicture): PictureRole[] => {
  const present = new Set(picture.nodes.map((n) => n.role));
  return (Object.keys(ROLE_WORDS) as PictureRole[]).filter((r) => present.has(r));
};
