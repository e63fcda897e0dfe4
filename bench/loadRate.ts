/**
 * Load throughput through both ways in, each into a cleared database: POST /v1/ingest
 * on an in-process app (listening on port 0, batches of INGEST_BATCH records, far below
 * the 16 MiB body limit) and the streaming bulk loader.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { RecordKind } from '../src/contract/ingestBatch';
import { readRecordFiles } from '../src/bulk/recordFiles';
import pino from 'pino';
import { AuditTrail } from '../src/audit/auditTrail';
import { createApp } from '../src/http/app';
import { Neo4jAuditStore } from '../src/neo4j/auditRepository';
import { bulkLoad, type LoadOptions } from '../src/ingest/bulkLoad';
import { clearGraph } from '../src/neo4j/clearGraph';
import type { GraphDatabase } from '../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../src/neo4j/ingestStore';

/** About 1.5 MB of JSON per request. */
export const INGEST_BATCH = 5_000;
const ADMIN_KEY = 'bench-admin-key-0123456789';

export interface LoadFigures {
  way: 'POST /v1/ingest' | 'bulk loader';
  borrowers: number;
  records: number;
  /** Wall time of the whole load, validation included. */
  ms: number;
  recordsPerSecond: number;
  /** Bulk loader only: the write pass alone, and per kind. */
  writeRecordsPerSecond?: number;
  perKind?: Partial<Record<RecordKind, number>>;
}

export async function measureBulkLoad(db: GraphDatabase, borrowers: number, folder: string, onProgress: LoadOptions['onProgress']): Promise<LoadFigures> {
  await clearGraph(db);
  const started = performance.now();
  const summary = await bulkLoad(new Neo4jIngestStore(db), folder, { onProgress });
  const ms = performance.now() - started;
  const perKind: Partial<Record<RecordKind, number>> = {};
  for (const [kind, kindMs] of Object.entries(summary.writeMsByKind) as [RecordKind, number][]) {
    if (summary.records[kind] >= 1000) perKind[kind] = Math.round(summary.records[kind] / (kindMs / 1000));
  }
  return {
    way: 'bulk loader',
    borrowers,
    records: summary.total,
    ms: Math.round(ms),
    recordsPerSecond: Math.round(summary.total / (ms / 1000)),
    writeRecordsPerSecond: Math.round(summary.total / (summary.writeMs / 1000)),
    perKind,
  };
}

export async function measureHttpIngest(db: GraphDatabase, borrowers: number, folder: string, onProgress: (done: number) => void): Promise<LoadFigures> {
  await clearGraph(db);
  const auditTrail = new AuditTrail(new Neo4jAuditStore(db), pino({ level: 'silent' }));
  const app = createApp({ db, apiKeys: [{ role: 'admin', key: ADMIN_KEY }], auditTrail, rateLimitPerMinute: 1_000_000 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/ingest`;
  let records = 0;
  const post = async (batch: Partial<Record<RecordKind, unknown[]>>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(batch) });
    if (!response.ok) throw new Error(`POST /v1/ingest answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  };
  const started = performance.now();
  try {
    // Files come in dependency order and batches go one after another, so every reference resolves.
    let batch: { kind: RecordKind; rows: unknown[] } | null = null;
    for await (const record of readRecordFiles(folder)) {
      if (batch && (batch.kind !== record.kind || batch.rows.length >= INGEST_BATCH)) {
        await post({ [batch.kind]: batch.rows });
        onProgress(records);
        batch = null;
      }
      batch ??= { kind: record.kind, rows: [] };
      batch.rows.push(record.raw);
      records++;
    }
    if (batch) await post({ [batch.kind]: batch.rows });
    onProgress(records);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await auditTrail.close();
  }
  const ms = performance.now() - started;
  return { way: 'POST /v1/ingest', borrowers, records, ms: Math.round(ms), recordsPerSecond: Math.round(records / (ms / 1000)) };
}
