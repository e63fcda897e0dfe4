import type { IngestBatch } from './ingestBatch';
import type { IssueDetail } from './validationIssues';

/** The entity kinds that other records may point at, and must exist. */
export type ReferencedKind = 'borrower' | 'adSource' | 'complaintChannel';

export type IdsByKind = Record<ReferencedKind, Set<string>>;

export const emptyIds = (): IdsByKind => ({ borrower: new Set(), adSource: new Set(), complaintChannel: new Set() });

/** A reference from one record to an entity, with where it was made (for error messages). */
export interface Reference {
  kind: ReferencedKind;
  id: string;
  path: string;
}

/** The entities a batch defines itself. */
export function definedIds(batch: IngestBatch, into: IdsByKind = emptyIds()): IdsByKind {
  for (const b of batch.borrowers ?? []) into.borrower.add(b.id);
  for (const a of batch.adSources ?? []) into.adSource.add(a.id);
  for (const c of batch.complaintChannels ?? []) into.complaintChannel.add(c.id);
  return into;
}

/** Every reference a batch makes, in record order. */
export function* referencesOf(batch: IngestBatch): Generator<Reference> {
  const borrowerRefs = ['phoneLinks', 'deviceLinks', 'recruitments', 'complaints', 'calls'] as const;
  for (const kind of borrowerRefs) {
    const records = batch[kind] ?? [];
    for (let i = 0; i < records.length; i++) {
      yield { kind: 'borrower', id: records[i]!.borrowerId, path: `${kind}[${i}].borrowerId` };
    }
  }
  const recruitments = batch.recruitments ?? [];
  for (let i = 0; i < recruitments.length; i++) {
    yield { kind: 'adSource', id: recruitments[i]!.adSourceId, path: `recruitments[${i}].adSourceId` };
  }
  const complaints = batch.complaints ?? [];
  for (let i = 0; i < complaints.length; i++) {
    yield { kind: 'complaintChannel', id: complaints[i]!.channelId, path: `complaints[${i}].channelId` };
  }
}

/** References the batch does not satisfy itself: these must already be in the graph. */
export function unresolvedReferences(references: Iterable<Reference>, defined: IdsByKind): IdsByKind {
  const open = emptyIds();
  for (const ref of references) if (!defined[ref.kind].has(ref.id)) open[ref.kind].add(ref.id);
  return open;
}

const KIND_LABEL: Record<ReferencedKind, string> = {
  borrower: 'borrower',
  adSource: 'ad source',
  complaintChannel: 'complaint channel',
};

export const unknownReferenceMessage = (kind: ReferencedKind, id: string) => `unknown ${KIND_LABEL[kind]} "${id}"`;

/**
 * One detail per missing entity, pointing at the first record that references it, so
 * a client sees both which ids are unknown and where it used them.
 */
export function describeMissing(references: Iterable<Reference>, missing: IdsByKind): IssueDetail[] {
  const reported = emptyIds();
  const details: IssueDetail[] = [];
  for (const ref of references) {
    if (!missing[ref.kind].has(ref.id) || reported[ref.kind].has(ref.id)) continue;
    reported[ref.kind].add(ref.id);
    details.push({ path: ref.path, message: unknownReferenceMessage(ref.kind, ref.id) });
  }
  return details;
}
