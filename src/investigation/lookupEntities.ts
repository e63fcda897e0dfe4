import { normalisePhone } from '../contract/phone';
import { AppError, invalidInput } from '../errors';
import { describeHub } from '../wording/ringWording';
import { borrowerPaths, identifierPaths } from './evidencePaths';
import { memberView } from './memberView';
import type { EntityStore, IdentifierLinkRow } from './ports';
import type { Redactor } from './redaction';
import type { BorrowerView, IdentifierView } from './schemas/entity';

/** Evidence paths and linked borrowers shown per entity; hubs touch thousands and would drown the answer. */
export const ENTITY_LIMITS = { paths: 100, links: 500 };

export async function lookupBorrower(store: EntityStore, redactor: Redactor, id: string): Promise<BorrowerView> {
  const record = await store.borrower(id);
  if (!record) throw new AppError(404, 'not_found', `No borrower "${id}"`);
  const links = record.rings.length > 0 ? await store.borrowerToolLinks(id, ENTITY_LIMITS.paths) : [];
  const b = record.borrower;
  return {
    borrower: { ...b, name: redactor.name(b.name), idNumberHash: redactor.idHash(b.idNumberHash) },
    phones: record.phones.map((p) => ({ ...p, number: redactor.phone(p.number) })),
    devices: record.devices,
    adSources: record.adSources,
    complaints: record.complaints,
    calls: record.calls,
    rings: record.rings.map(({ borrowerId: _self, ...membership }) => memberView(membership, redactor)),
    evidencePaths: borrowerPaths(id, links, redactor),
    maskedPersonalData: redactor.masked,
  };
}

/** Accepts every way the ingest contract accepts a number, so investigators can paste what they have. */
export function parsePhoneParam(raw: string): string {
  const e164 = normalisePhone(raw);
  if (e164 === null) throw invalidInput('Invalid phone number', [{ path: 'number', message: `"${raw}" is not a valid phone number` }]);
  return e164;
}

function linkedBorrowers(rows: IdentifierLinkRow[], redactor: Redactor): IdentifierView['borrowers'] {
  const byBorrower = new Map<string, IdentifierView['borrowers'][number]>();
  for (const row of rows) {
    const entry = byBorrower.get(row.borrowerId) ?? { borrowerId: row.borrowerId, name: redactor.name(row.name), usages: [], ringIds: row.rings.map((r) => r.ringId) };
    if (!entry.usages.includes(row.usage)) entry.usages.push(row.usage);
    byBorrower.set(row.borrowerId, entry);
  }
  return [...byBorrower.values()];
}

function ringsReached(record: { links: IdentifierLinkRow[]; toolOf: { ringId: string; score: number; rank: number }[] }): IdentifierView['rings'] {
  const rings = new Map<string, { ringId: string; score: number; toolRank: number | null; members: Set<string> }>();
  for (const t of record.toolOf) rings.set(t.ringId, { ringId: t.ringId, score: t.score, toolRank: t.rank, members: new Set() });
  for (const row of record.links) {
    for (const r of row.rings) {
      const entry = rings.get(r.ringId) ?? { ringId: r.ringId, score: r.score, toolRank: null, members: new Set<string>() };
      entry.members.add(row.borrowerId);
      rings.set(r.ringId, entry);
    }
  }
  return [...rings.values()]
    .map(({ members, ...r }) => ({ ...r, linkedMembers: members.size }))
    .sort((a, b) => b.score - a.score || (a.ringId < b.ringId ? -1 : 1));
}

/** Who is tied to a phone or device, how, in which rings, and whether the last run set it aside as a hub. */
export async function lookupIdentifier(store: EntityStore, redactor: Redactor, kind: 'phone' | 'device', id: string): Promise<IdentifierView> {
  const record = await store.identifier(kind, id, ENTITY_LIMITS.links);
  if (!record) throw new AppError(404, 'not_found', `No ${kind} "${kind === 'phone' ? redactor.phone(id) : id}"`);
  const borrowers = linkedBorrowers(record.links, redactor);
  return {
    identifier: { kind, id: kind === 'phone' ? redactor.phone(id) : id },
    borrowers,
    borrowersTotal: borrowers.length,
    rings: ringsReached(record),
    hub: record.hub && { ...record.hub, reason: describeHub({ ...record.hub, kind, id }) },
    evidencePaths: identifierPaths(kind, id, record.links.filter((l) => l.rings.length > 0), redactor).slice(0, ENTITY_LIMITS.paths),
    maskedPersonalData: redactor.masked,
  };
}
