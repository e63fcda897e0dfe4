import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { BorrowerEdges } from './borrowerProjection';
import type { DetectionOptions } from './options';
import { fnv1a, mulberry32 } from './seededRandom';

/** The smallest group that can become a ring of either kind. */
export const smallestRing = (options: DetectionOptions) => Math.min(options.minRingSize, options.minCampaignSize);

export interface BorrowerCommunities {
  /** Community of each borrower, or -1 when it is in none (isolated or too small a component). */
  communityOf: Int32Array;
  /** Members of each community, ascending borrower index. */
  members: number[][];
  graphNodes: number;
  graphEdges: number;
  components: number;
  /** The sums modularity is made of, so batches of components can be combined into the whole graph's. */
  modularity: ModularityParts;
}

/**
 * Louvain, run separately on each connected component. Modularity compares a community's
 * inner weight with what the whole graph's total would predict; on one global graph of a
 * million borrowers that prediction is near zero, so any two gangs touching through one
 * tie would merge (the resolution limit). Per component, the comparison stays local, and
 * each component gets its own seed, so its rings do not change when unrelated data does.
 */
export function findBorrowerCommunities(
  edges: BorrowerEdges,
  borrowerIds: readonly string[],
  options: DetectionOptions,
): BorrowerCommunities {
  const borrowerCount = borrowerIds.length;
  const { componentOf, nodesByComponent } = connectedComponents(edges, borrowerCount);
  const edgesByComponent = bucketEdges(edges, componentOf, nodesByComponent.length);
  const communityOf = new Int32Array(borrowerCount).fill(-1);
  const members: number[][] = [];
  let graphNodes = 0;
  let done = 0;
  for (let c = 0; c < nodesByComponent.length; c++) {
    const nodes = nodesByComponent[c]!;
    graphNodes += nodes.length;
    done += nodes.length;
    if (nodes.length < smallestRing(options)) continue;
    const seed = (options.seed ^ fnv1a(borrowerIds[nodes[0]!]!)) >>> 0;
    for (const group of louvainGroups(nodes, edges, edgesByComponent[c]!, seed, options)) {
      if (group.length < smallestRing(options)) continue;
      for (const b of group) communityOf[b] = members.length;
      members.push(group);
    }
    if (options.onProgress && c % 1000 === 0) options.onProgress('communities', done, graphNodes);
  }
  options.onProgress?.('communities', graphNodes, graphNodes);
  return {
    communityOf,
    members,
    graphNodes,
    graphEdges: edges.count,
    components: nodesByComponent.length,
    modularity: modularityParts(edges, communityOf),
  };
}

/** One component's communities; nodes go in ascending order because Louvain depends on it. */
function louvainGroups(nodes: number[], edges: BorrowerEdges, edgeIds: Int32Array, seed: number, options: DetectionOptions): number[][] {
  const graph = new UndirectedGraph();
  for (const n of nodes) graph.addNode(String(n));
  for (const e of edgeIds) graph.addEdge(String(edges.source[e]), String(edges.target[e]), { weight: edges.weight[e] });
  const { communities } = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    resolution: options.resolution,
    rng: mulberry32(seed),
  });
  const groups = new Map<number, number[]>();
  for (const n of nodes) {
    const label = communities[String(n)]!;
    const group = groups.get(label);
    if (group) group.push(n);
    else groups.set(label, [n]);
  }
  return [...groups.values()];
}

function connectedComponents(edges: BorrowerEdges, borrowerCount: number) {
  const parent = new Int32Array(borrowerCount).fill(-1);
  const find = (x: number): number => {
    while (parent[x]! !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let e = 0; e < edges.count; e++) {
    const a = edges.source[e]!;
    const b = edges.target[e]!;
    if (parent[a] === -1) parent[a] = a;
    if (parent[b] === -1) parent[b] = b;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const componentOf = new Int32Array(borrowerCount).fill(-1);
  const nodesByComponent: number[][] = [];
  const idOfRoot = new Map<number, number>();
  for (let b = 0; b < borrowerCount; b++) {
    if (parent[b] === -1) continue;
    const root = find(b);
    let c = idOfRoot.get(root);
    if (c === undefined) {
      c = nodesByComponent.length;
      idOfRoot.set(root, c);
      nodesByComponent.push([]);
    }
    componentOf[b] = c;
    nodesByComponent[c]!.push(b);
  }
  return { componentOf, nodesByComponent };
}

function bucketEdges(edges: BorrowerEdges, componentOf: Int32Array, componentCount: number): Int32Array[] {
  const start = new Int32Array(componentCount + 1);
  for (let e = 0; e < edges.count; e++) start[componentOf[edges.source[e]!]! + 1]!++;
  for (let c = 0; c < componentCount; c++) start[c + 1]! += start[c]!;
  const order = new Int32Array(edges.count);
  const cursor = start.slice(0, componentCount);
  for (let e = 0; e < edges.count; e++) order[cursor[componentOf[edges.source[e]!]!]!++] = e;
  return Array.from({ length: componentCount }, (_, c) => order.subarray(start[c]!, start[c + 1]!));
}

/** Total tie weight m, weight inside communities Σ L_c, and Σ D_c² over communities and unassigned borrowers. */
export interface ModularityParts {
  weight: number;
  inner: number;
  degreeSquares: number;
}

export const noModularity = (): ModularityParts => ({ weight: 0, inner: 0, degreeSquares: 0 });

export function addModularity(into: ModularityParts, more: ModularityParts): ModularityParts {
  into.weight += more.weight;
  into.inner += more.inner;
  into.degreeSquares += more.degreeSquares;
  return into;
}

/**
 * Q = Σ_c [ L_c / m − γ (D_c / 2m)² ], with L_c the weight inside community c and D_c the
 * total strength of its members; borrowers outside every ring count as singletons. Every
 * community lies inside one component, so the parts of separate batches of components add up.
 */
export function modularityOf({ weight: m, inner, degreeSquares }: ModularityParts, resolution: number): number {
  return m === 0 ? 0 : inner / m - (resolution * degreeSquares) / (4 * m * m);
}

export function modularityParts(edges: BorrowerEdges, communityOf: Int32Array): ModularityParts {
  let weight = 0;
  let inner = 0;
  const degree = new Map<number, number>();
  const singletonDegree = new Map<number, number>();
  const addDegree = (b: number, w: number) => {
    const c = communityOf[b]!;
    if (c >= 0) degree.set(c, (degree.get(c) ?? 0) + w);
    else singletonDegree.set(b, (singletonDegree.get(b) ?? 0) + w);
  };
  for (let e = 0; e < edges.count; e++) {
    const a = edges.source[e]!;
    const b = edges.target[e]!;
    const w = edges.weight[e]!;
    weight += w;
    addDegree(a, w);
    addDegree(b, w);
    const c = communityOf[a]!;
    if (c >= 0 && c === communityOf[b]) inner += w;
  }
  let degreeSquares = 0;
  for (const d of degree.values()) degreeSquares += d * d;
  for (const d of singletonDegree.values()) degreeSquares += d * d;
  return { weight, inner, degreeSquares };
}

export const partitionModularity = (edges: BorrowerEdges, communityOf: Int32Array, resolution: number): number =>
  modularityOf(modularityParts(edges, communityOf), resolution);

/** Each borrower's total tie weight to the other members of its own community. */
export function inCommunityStrength(edges: BorrowerEdges, communityOf: Int32Array): Float64Array {
  const strength = new Float64Array(communityOf.length);
  for (let e = 0; e < edges.count; e++) {
    const a = edges.source[e]!;
    const b = edges.target[e]!;
    if (communityOf[a]! < 0 || communityOf[a] !== communityOf[b]) continue;
    strength[a]! += edges.weight[e]!;
    strength[b]! += edges.weight[e]!;
  }
  return strength;
}
