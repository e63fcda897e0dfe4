import { USAGES, degreeOf, identifierCount, kindOf, memberCount, type IdentifierLinks } from './identifierLinks';
import type { BorrowerIncidences } from './borrowerIncidences';
import { sharedIdentifierWeight, templateTieWeight, usageStrengthOf } from './sharedIdentifierWeight';
import type { DetectionOptions, ProgressCallback } from './options';

/** Weighted borrower–borrower ties, each pair once with source < target, in source order. */
export interface BorrowerEdges {
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  count: number;
}

/**
 * Projects shared identifiers onto borrower pairs. Each borrower gathers its pairs in a
 * dense scratch array, so no global pair map is needed and memory stays linear in the
 * edges kept. Borrowers without a live shared identifier never enter the loop.
 * A pair tied only by an ad source is not an edge: recruits who answered the same flyer
 * but were never operated stay apart, and two gangs using one printer are not merged. An
 * ad source only adds weight to pairs something else already ties, pair by pair, so its
 * share does not depend on which of its recruits a batch of components holds.
 */
export function projectBorrowers(
  links: IdentifierLinks,
  incidences: BorrowerIncidences,
  options: DetectionOptions,
  onProgress?: ProgressCallback,
  campaignAffinity: ReadonlyMap<number, Float32Array> = new Map(),
): BorrowerEdges {
  const borrowerCount = incidences.offsets.length - 1;
  const strengthOfMask = Float64Array.from({ length: 1 << USAGES.length }, (_, m) => usageStrengthOf(m, options.usageStrength));
  const isAdSource = Uint8Array.from({ length: identifierCount(links) }, (_, i) => (kindOf(links, i) === 'adSource' ? 1 : 0));
  const isTemplate = Uint8Array.from({ length: identifierCount(links) }, (_, i) => (kindOf(links, i) === 'template' ? 1 : 0));
  const adSourcesOf = adSourceIncidences(links, incidences, isAdSource);
  const strong = new Float64Array(borrowerCount);
  const isTouched = new Uint8Array(borrowerCount);
  const touched: number[] = [];
  const edges = new EdgeSink();

  for (let a = 0; a < borrowerCount; a++) {
    for (let r = incidences.offsets[a]!; r < incidences.offsets[a + 1]!; r++) {
      const k = incidences.incidence[r]!;
      const id = incidences.identifierOf[k]!;
      if (isAdSource[id]) continue;
      const start = links.offsets[id]!;
      const members = memberCount(links, id);
      const degree = degreeOf(links, id);
      const strengthA = strengthOfMask[links.usages[k]!]!;
      const p = k - start;
      const affinity = isTemplate[id] ? campaignAffinity.get(id) : undefined;
      forEachNeighbour(members, p, options, (q, scale) => {
        const b = links.members[start + q]!;
        if (b <= a) return;
        if (!isTouched[b]) {
          isTouched[b] = 1;
          touched.push(b);
        }
        const strengthB = strengthOfMask[links.usages[start + q]!]!;
        strong[b]! += scale * (isTemplate[id]
          ? templateTieWeight(degree, strengthA, strengthB, options.templateTieTotal) * (affinity ? affinity[p * members + q]! : 1)
          : sharedIdentifierWeight(degree, strengthA, strengthB, options.specificityOffset));
      });
    }
    touched.sort((x, y) => x - y);
    for (const b of touched) {
      if (strong[b]! > 0) edges.add(a, b, strong[b]! + sharedAdSourceWeight(a, b, adSourcesOf, links, strengthOfMask, options));
      strong[b] = 0;
      isTouched[b] = 0;
    }
    touched.length = 0;
    if (onProgress && a % 100_000 === 0) onProgress('projection', a, borrowerCount);
  }
  onProgress?.('projection', borrowerCount, borrowerCount);
  return edges.finish();
}

/** One borrower's tie to a live ad source: the ad source and the position of the tie in links.members. */
interface AdSourceTie {
  id: number;
  k: number;
}

/** Each borrower's live ad-source ties: one or two each. */
function adSourceIncidences(links: IdentifierLinks, incidences: BorrowerIncidences, isAdSource: Uint8Array): AdSourceTie[][] {
  const borrowerCount = incidences.offsets.length - 1;
  const out: AdSourceTie[][] = Array.from({ length: borrowerCount }, () => []);
  for (let b = 0; b < borrowerCount; b++) {
    for (let r = incidences.offsets[b]!; r < incidences.offsets[b + 1]!; r++) {
      const k = incidences.incidence[r]!;
      const id = incidences.identifierOf[k]!;
      if (isAdSource[id]) out[b]!.push({ id, k });
    }
  }
  return out;
}

/** The weight the ad sources two borrowers both came through add to a tie they already have. */
function sharedAdSourceWeight(a: number, b: number, adSourcesOf: AdSourceTie[][], links: IdentifierLinks, strengthOfMask: Float64Array, options: DetectionOptions): number {
  let weight = 0;
  for (const ta of adSourcesOf[a]!) {
    for (const tb of adSourcesOf[b]!) {
      if (ta.id !== tb.id) continue;
      weight += sharedIdentifierWeight(degreeOf(links, ta.id), strengthOfMask[links.usages[ta.k]!]!, strengthOfMask[links.usages[tb.k]!]!, options.specificityOffset);
    }
  }
  return weight;
}

/**
 * Calls `visit` with the positions a member at `position` is tied to inside one
 * identifier. Small identifiers form a clique. Larger ones form a circulant graph whose
 * offsets are powers of two, as in Chord: about 2·log2(degree) ties per member and no
 * narrow cut, so Louvain cannot split the members along an artefact of the sparsening.
 * Each tie is scaled so a member's total weight matches the clique it stands for.
 */
function forEachNeighbour(degree: number, position: number, options: DetectionOptions, visit: (q: number, scale: number) => void): void {
  if (degree <= options.cliqueDegree) {
    for (let q = 0; q < degree; q++) if (q !== position) visit(q, 1);
    return;
  }
  const offsets = fingerOffsets(degree);
  const scale = (degree - 1) / offsets.length;
  for (const offset of offsets) visit((position + offset) % degree, scale);
}

const fingerCache = new Map<number, number[]>();

/** Distinct offsets ±1, ±2, ±4, … modulo `degree`: symmetric, so every tie is seen from both ends. */
function fingerOffsets(degree: number): number[] {
  let offsets = fingerCache.get(degree);
  if (!offsets) {
    const set = new Set<number>();
    for (let step = 1; step < degree; step *= 2) {
      set.add(step % degree);
      set.add((degree - step) % degree);
    }
    set.delete(0);
    offsets = [...set].sort((a, b) => a - b);
    fingerCache.set(degree, offsets);
  }
  return offsets;
}

class EdgeSink {
  private source = new Int32Array(1024);
  private target = new Int32Array(1024);
  private weight = new Float64Array(1024);
  private count = 0;

  add(a: number, b: number, w: number): void {
    if (this.count === this.source.length) this.grow();
    this.source[this.count] = a;
    this.target[this.count] = b;
    this.weight[this.count] = w;
    this.count++;
  }

  private grow(): void {
    const n = this.source.length * 2;
    const source = new Int32Array(n);
    const target = new Int32Array(n);
    const weight = new Float64Array(n);
    source.set(this.source);
    target.set(this.target);
    weight.set(this.weight);
    Object.assign(this, { source, target, weight });
  }

  finish(): BorrowerEdges {
    const n = this.count;
    return { source: this.source.slice(0, n), target: this.target.slice(0, n), weight: this.weight.slice(0, n), count: n };
  }
}
