import type { Evidence } from '../contract/evidence';
import { IDENTIFIER_KINDS, USAGES, type IdentifierKind, type Usage } from '../contract/ring';
import type { BorrowerIndex } from './borrowerIndex';
import type { RecruitmentCampaign } from './recruitmentCampaigns';

export { IDENTIFIER_KINDS, USAGES, type IdentifierKind, type Usage };

/** One bit per usage, so the usages of one borrower–identifier pair combine in a mask. */
export const usageBit = (usage: Usage): number => 1 << USAGES.indexOf(usage);
export const usagesOf = (mask: number): Usage[] => USAGES.filter((_, i) => (mask & (1 << i)) !== 0);

/**
 * Borrower–identifier incidences in compressed sparse rows: identifier `i` is used by
 * `members[offsets[i] .. offsets[i+1])`, each distinct and sorted, with the usage bitmask
 * at the same position. Typed arrays keep millions of links in a few tens of megabytes.
 */
export interface IdentifierLinks {
  kind: Uint8Array;
  value: string[];
  offsets: Int32Array;
  members: Int32Array;
  usages: Uint16Array;
  /**
   * Borrowers each identifier ties in all the data. Equal to its members here, except for
   * identifiers whose borrowers a batch of components holds only part of (ad sources,
   * hubs), which get their platform-wide degree from the detection context.
   */
  degree: Int32Array;
  /** Incidences read from the evidence, before duplicates were merged. */
  rawLinks: number;
}

export const identifierCount = (links: IdentifierLinks): number => links.value.length;
/** Borrowers the identifier ties in all the data: what specificity and hub limits are about. */
export const degreeOf = (links: IdentifierLinks, id: number): number => links.degree[id]!;
/** Borrowers the identifier ties in this evidence: what the projection iterates over. */
export const memberCount = (links: IdentifierLinks, id: number): number => links.offsets[id + 1]! - links.offsets[id]!;
/** A key naming an identifier across batches and runs. */
export const identifierKey = (kind: IdentifierKind, value: string): string => `${kind}:${value}`;
/** The kind and value an identifierKey names; the kind holds no colon, the value may. */
export function identifierOfKey(key: string): { kind: string; value: string } {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon), value: key.slice(colon + 1) };
}
export const keyOf = (links: IdentifierLinks, id: number): string => identifierKey(kindOf(links, id), links.value[id]!);
export const kindOf = (links: IdentifierLinks, id: number): IdentifierKind => IDENTIFIER_KINDS[links.kind[id]!]!;

const PHONE = 0;
const DEVICE = 1;
const VOICE = 2;
const AD_SOURCE = 3;
const TEMPLATE = 4;
const bit = Object.fromEntries(USAGES.map((u, i) => [u, 1 << i])) as Record<Usage, number>;

/** One tie of a borrower to an identifier, as storage can report it without the records it came from. */
export interface IdentifierIncidence {
  kind: IdentifierKind;
  value: string;
  borrowerId: string;
  usage: Usage;
}

/** Reads every way the evidence ties a borrower to a phone, device, voice, ad source or recruitment campaign. */
export function collectIdentifierLinks(evidence: Evidence, borrowers: BorrowerIndex, campaigns: readonly RecruitmentCampaign[] = []): IdentifierLinks {
  const sink = new IncidenceSink();
  const at = (borrowerId: string) => borrowers.indexOf.get(borrowerId)!;
  for (const l of evidence.phoneLinks) sink.add(PHONE, l.phone, at(l.borrowerId), l.role === 'contact' ? bit.contactPhone : bit.registeredPhone);
  for (const l of evidence.deviceLinks) sink.add(DEVICE, l.deviceId, at(l.borrowerId), bit.deviceLogin);
  for (const r of evidence.recruitments) sink.add(AD_SOURCE, r.adSourceId, at(r.borrowerId), bit.recruitment);
  for (const c of evidence.complaints) {
    const b = at(c.borrowerId);
    if (c.phone) sink.add(PHONE, c.phone, b, bit.complaintPhone);
    if (c.deviceId) sink.add(DEVICE, c.deviceId, b, bit.complaintDevice);
  }
  for (const c of evidence.calls) {
    const b = at(c.borrowerId);
    if (c.phone) sink.add(PHONE, c.phone, b, bit.callPhone);
    if (c.voiceprintId) sink.add(VOICE, c.voiceprintId, b, bit.callVoice);
  }
  addCampaigns(sink, campaigns, at);
  return sink.compress();
}

/**
 * Links from ties reported one by one (by storage, which keeps records where they are),
 * then the campaigns. Identifiers and borrowers are numbered in the order they first
 * arrive (`borrowers`: each borrower's id at its number), not sorted: numbering as they
 * come takes one lookup per tie, where an index sorted first took a pass of its own and
 * a sort of every borrower (together about a third of a plan's time at 1,000,000).
 */
export function linksFromIncidences(incidences: Iterable<IdentifierIncidence>, campaigns: readonly RecruitmentCampaign[] = []): { links: IdentifierLinks; borrowers: string[] } {
  const sink = new IncidenceSink();
  const borrowers: string[] = [];
  const numbers = new Map<string, number>();
  const at = (borrowerId: string) => {
    let n = numbers.get(borrowerId);
    if (n === undefined) numbers.set(borrowerId, (n = borrowers.push(borrowerId) - 1));
    return n;
  };
  for (const i of incidences) sink.add(IDENTIFIER_KINDS.indexOf(i.kind), i.value, at(i.borrowerId), bit[i.usage]);
  addCampaigns(sink, campaigns, at);
  return { links: sink.compress(), borrowers };
}

function addCampaigns(sink: IncidenceSink, campaigns: readonly RecruitmentCampaign[], at: (borrowerId: string) => number): void {
  for (const c of campaigns) for (const b of c.borrowerIds) sink.add(TEMPLATE, c.id, at(b), bit.templateComplaint);
}

const USAGE_SPAN = 65_536;

class IncidenceSink {
  private readonly ids = IDENTIFIER_KINDS.map(() => new Map<string, number>());
  private readonly kinds: number[] = [];
  private readonly values: string[] = [];
  private identifier = new Int32Array(1024);
  private borrower = new Int32Array(1024);
  private usage = new Uint16Array(1024);
  private size = 0;
  /** The identifier of the last incidence: storage reports an identifier's ties together, so most need no lookup. */
  private lastKind = -1;
  private lastValue = '';
  private lastId = -1;

  /** `kindCode` indexes IDENTIFIER_KINDS; `usage` is one usage bit. */
  add(kindCode: number, value: string, borrower: number, usage: number): void {
    let id = this.lastKind === kindCode && this.lastValue === value ? this.lastId : this.ids[kindCode]!.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids[kindCode]!.set(value, id);
      this.values.push(value);
      this.kinds.push(kindCode);
    }
    this.lastKind = kindCode;
    this.lastValue = value;
    this.lastId = id;
    if (this.size === this.identifier.length) this.grow();
    this.identifier[this.size] = id;
    this.borrower[this.size] = borrower;
    this.usage[this.size] = usage;
    this.size++;
  }

  private grow(): void {
    const capacity = this.identifier.length * 2;
    const widen = <T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.identifier = widen(this.identifier, (n) => new Int32Array(n));
    this.borrower = widen(this.borrower, (n) => new Int32Array(n));
    this.usage = widen(this.usage, (n) => new Uint16Array(n));
  }

  /** Buckets incidences by identifier, then sorts and merges each bucket's borrowers. */
  compress(): IdentifierLinks {
    const count = this.values.length;
    const start = new Int32Array(count + 1);
    for (let k = 0; k < this.size; k++) start[this.identifier[k]! + 1]!++;
    for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
    // borrower * 65536 + usage packs both into one sortable number (< 2^47, exact in a double).
    const packed = new Float64Array(this.size);
    const cursor = start.slice(0, count);
    for (let k = 0; k < this.size; k++) packed[cursor[this.identifier[k]!]!++] = this.borrower[k]! * USAGE_SPAN + this.usage[k]!;

    const offsets = new Int32Array(count + 1);
    const members = new Int32Array(this.size);
    const usages = new Uint16Array(this.size);
    let out = 0;
    for (let i = 0; i < count; i++) {
      offsets[i] = out;
      if (start[i + 1]! - start[i]! === 1) {
        // Most identifiers (own phone, own device) have one incidence: skip the sort.
        const p = packed[start[i]!]!;
        members[out] = Math.floor(p / USAGE_SPAN);
        usages[out++] = p % USAGE_SPAN;
        continue;
      }
      const bucket = packed.subarray(start[i]!, start[i + 1]!).sort();
      let last = -1;
      for (const p of bucket) {
        const b = Math.floor(p / USAGE_SPAN);
        if (b === last) usages[out - 1]! |= p % USAGE_SPAN;
        else {
          members[out] = b;
          usages[out] = p % USAGE_SPAN;
          out++;
          last = b;
        }
      }
    }
    offsets[count] = out;
    return {
      kind: Uint8Array.from(this.kinds),
      value: this.values,
      offsets,
      members: members.slice(0, out),
      usages: usages.slice(0, out),
      degree: Int32Array.from({ length: count }, (_, i) => offsets[i + 1]! - offsets[i]!),
      rawLinks: this.size,
    };
  }
}

/**
 * Each campaign's text affinity, keyed by its identifier. A campaign's filers are sorted
 * by borrower id, as the identifier's members are (borrower indices follow id order), so
 * the affinity matrix lines up with member positions.
 */
export function campaignAffinities(links: IdentifierLinks, campaigns: readonly RecruitmentCampaign[]): Map<number, Float32Array> {
  const byValue = new Map(campaigns.map((c) => [c.id, c.affinity]));
  const out = new Map<number, Float32Array>();
  for (let id = 0; id < links.value.length; id++) {
    if (links.kind[id] !== TEMPLATE) continue;
    const affinity = byValue.get(links.value[id]!);
    if (affinity && affinity.length === memberCount(links, id) ** 2) out.set(id, affinity);
  }
  return out;
}
