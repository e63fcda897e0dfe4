import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { mulberry32 } from '../random/mulberry32';
import type { PictureEdge, PictureNode, PictureRole, RingPicture } from './ringPicture';

/**
 * A ring's picture as a graphology graph with positions, laid out by ForceAtlas2. The
 * start is deterministic (each node's place comes from a hash of its id), so the same ring
 * is drawn the same way on every pack, and the browser starts from the same places.
 * Graph attributes keep the picture's words: sigma reads `type` as its program name, so
 * the node label in Neo4j is kept as `nodeType` and the relationship as `relationship`.
 */

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  role: PictureRole;
  nodeType: string;
  faded: boolean;
  at: string | null;
}

export interface EdgeAttributes {
  relationship: string;
  kind: PictureEdge['kind'];
  weight: number;
  size: number;
  color: string;
}

/** Starting distance from the centre by role: the ring in the middle, its members around it, evidence further out. */
const START_RADIUS: Record<PictureRole, number> = { ring: 0, operated: 1, peripheral: 1.2, tool: 1.6, identifier: 2, hub: 2.4, channel: 2.6, complaint: 2.2, call: 2.2 };

/** Ties to the ring node only hold the picture together; evidence ties shape it. */
const EDGE_WEIGHT: Record<PictureEdge['kind'], number> = { evidence: 1, ring: 0.2, throughEvent: 0.6 };

/** FNV-1a: a stable 32-bit hash of an id, to seed its starting place. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function startingPlace(node: Pick<PictureNode, 'id' | 'role'>): { x: number; y: number } {
  const random = mulberry32(hashOf(node.id));
  const angle = random() * 2 * Math.PI;
  const radius = START_RADIUS[node.role] * (0.85 + 0.3 * random());
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

export function pictureGraph(picture: RingPicture, edgeColors: Record<PictureEdge['kind'], string>): Graph<NodeAttributes, EdgeAttributes> {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false });
  for (const n of picture.nodes) {
    graph.addNode(n.id, { ...startingPlace(n), size: n.size, color: n.color, label: n.label, role: n.role, nodeType: n.type, faded: n.faded, at: n.at });
  }
  for (const e of picture.edges) {
    if (graph.hasEdge(e.source, e.target)) continue;
    graph.addEdgeWithKey(e.id, e.source, e.target, { relationship: e.type, kind: e.kind, weight: EDGE_WEIGHT[e.kind], size: e.kind === 'ring' ? 0.5 : 1, color: edgeColors[e.kind] });
  }
  return graph;
}

/** Enough iterations for a ring of a few hundred nodes to settle; the settings scale with the graph (Barnes-Hut past a few thousand nodes). */
export const LAYOUT_ITERATIONS = 300;

export function layoutSettings(graph: Graph) {
  return { ...forceAtlas2.inferSettings(graph), edgeWeightInfluence: 1, adjustSizes: false };
}

/** Lays the graph out in place, synchronously: the server's pictures and the browser's small rings. */
export function layOut(graph: Graph<NodeAttributes, EdgeAttributes>, iterations = LAYOUT_ITERATIONS): void {
  if (graph.order === 0) return;
  forceAtlas2.assign(graph, { iterations, settings: layoutSettings(graph), getEdgeWeight: 'weight' });
}
