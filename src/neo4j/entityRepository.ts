import type { BorrowerRecord, EntityStore, IdentifierLinkRow, IdentifierRecord, SearchRow, ToolLinkRow } from '../investigation/ports';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { field } from './plainValues';
import { memberFromRow, type MemberRelationship } from './ringRecords';
import { int } from './values';

type Record_ = { get(key: string): unknown };

const via = (r: Record_): ToolLinkRow['via'] => {
  const type = field<'Complaint' | 'Call' | null>(r, 'viaType');
  return type ? { type, id: field<string>(r, 'viaId') } : null;
};

/** Borrowers, phones and devices with what ties them to rings; search over their keys and names. */
export class Neo4jEntityStore implements EntityStore {
  constructor(private readonly db: GraphDatabase) {}

  borrower(id: string): Promise<BorrowerRecord | null> {
    return this.db.read(async (tx) => {
      const r = (await tx.run(cypher('api/borrowerById'), { id })).records[0];
      if (!r) return null;
      const keys = ['borrower', 'phones', 'devices', 'adSources', 'complaints', 'calls'] as const;
      const rings = field<(MemberRelationship & { ringId: string; score: number; kind: BorrowerRecord['rings'][number]['kind'] })[]>(r, 'rings');
      return {
        ...(Object.fromEntries(keys.map((k) => [k, field(r, k)])) as unknown as Omit<BorrowerRecord, 'rings'>),
        rings: rings.map((m) => ({ ...memberFromRow({ ...m, borrowerId: id }), ringId: m.ringId, score: m.score, kind: m.kind })),
      };
    });
  }

  borrowerToolLinks(id: string, limit: number): Promise<ToolLinkRow[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('api/borrowerToolLinks'), { id, limit: int(limit) });
      return result.records.map((r) => ({
        ringId: field<string>(r, 'ringId'),
        toolKind: field<string>(r, 'toolKind'),
        toolId: field<string>(r, 'toolId'),
        relationship: field<string>(r, 'relationship'),
        via: via(r),
      }));
    });
  }

  identifier(kind: 'phone' | 'device', id: string, limit: number): Promise<IdentifierRecord | null> {
    return this.db.read(async (tx) => {
      const head = (await tx.run(cypher(`api/${kind}ById`), { id })).records[0];
      if (!head) return null;
      const result = await tx.run(cypher(`api/${kind}Links`), { id, limit: int(limit) });
      const links: IdentifierLinkRow[] = result.records.map((r) => ({
        borrowerId: field<string>(r, 'borrowerId'),
        name: field<string | null>(r, 'name'),
        usage: field<string>(r, 'usage'),
        relationship: field<string>(r, 'relationship'),
        via: via(r),
        rings: field<IdentifierLinkRow['rings']>(r, 'rings'),
      }));
      return { links, toolOf: field<IdentifierRecord['toolOf']>(head, 'toolOf'), hub: field<IdentifierRecord['hub']>(head, 'hub') };
    });
  }

  search(query: { text: string; phone: string | null; byName: boolean; limit: number }): Promise<SearchRow[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('api/search'), { ...query, limit: int(query.limit) });
      return result.records.map((r) => ({
        type: field<SearchRow['type']>(r, 'type'),
        id: field<string>(r, 'id'),
        name: field<string | null>(r, 'name'),
        match: field<SearchRow['match']>(r, 'match'),
        ringIds: field<string[]>(r, 'ringIds'),
      }));
    });
  }
}
