import type { AuditEvent, AuditStore } from '../audit/auditEvent';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { field } from './plainValues';
import { int } from './values';

/** The audit trail as (:AuditEvent) nodes, written in batches by the AuditTrail. */
export class Neo4jAuditStore implements AuditStore {
  constructor(private readonly db: GraphDatabase) {}

  async write(events: AuditEvent[]): Promise<void> {
    const rows = events.map((e) => ({ ...e, status: int(e.status), records: e.records === null ? null : int(e.records) }));
    await this.db.write((tx) => tx.run(cypher('api/writeAuditEvents'), { events: rows }));
  }

  page(after: { at: string; id: string } | null, limit: number): Promise<AuditEvent[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('api/auditEvents'), { afterAt: after?.at ?? null, afterId: after?.id ?? null, limit: int(limit) });
      return result.records.map((r) => field<AuditEvent>(r, 'event'));
    });
  }
}
