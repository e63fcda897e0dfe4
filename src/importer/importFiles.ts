import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import type { ValidatedRecord } from '../bulk/validatedSpool';
import { CsvTable, type Cell, type CellType } from './csvTable';
import { compareInstants, instantKey, type InstantKey } from './instant';

/**
 * Validated records as the CSV files of Neo4j's offline importer, building the graph
 * the transactional loader's Cypher (cypher/ingest/*.cypher) builds from the same records:
 * one node per key (`records` must hold each keyed record once, as the validated spool
 * does), phones, devices and voiceprints from every record that names them, one
 * HAS_PHONE per borrower, phone and role, and one USED_DEVICE per borrower and device
 * whose window spans its sightings. The import leaves one IngestStamp per kind, as a
 * write of those records through the loader would, so caches keyed on the stamps notice.
 */

type Column = readonly [name: string, type: CellType];

/** Every file the importer gets: a node label or relationship type, and its columns (the first ones are the ids). */
const TABLES = {
  Borrower: { label: 'Borrower', columns: [['id:ID(Borrower)', 'id'], ['name', 'string'], ['idNumberHash', 'string'], ['registeredAt:datetime', 'datetime'], ['overdueDays:long', 'long'], ['outstandingPrincipal:double', 'double']] },
  AdSource: { label: 'AdSource', columns: [['id:ID(AdSource)', 'id'], ['kind', 'string'], ['label', 'string']] },
  ComplaintChannel: { label: 'ComplaintChannel', columns: [['id:ID(ComplaintChannel)', 'id'], ['name', 'string'], ['kind', 'string']] },
  Phone: { label: 'Phone', columns: [['number:ID(Phone)', 'id']] },
  Device: { label: 'Device', columns: [['id:ID(Device)', 'id']] },
  Voiceprint: { label: 'Voiceprint', columns: [['id:ID(Voiceprint)', 'id']] },
  Complaint: { label: 'Complaint', columns: [['id:ID(Complaint)', 'id'], ['filedAt:datetime', 'datetime'], ['claim', 'string'], ['text', 'string']] },
  Call: { label: 'Call', columns: [['id:ID(Call)', 'id'], ['at:datetime', 'datetime'], ['voiceMatch:boolean', 'boolean'], ['identityVerified:boolean', 'boolean']] },
  IngestStamp: { label: 'IngestStamp', columns: [['at:datetime', 'datetime'], ['kind', 'string'], ['records:long', 'long']] },
  HAS_PHONE: { type: 'HAS_PHONE', columns: [[':START_ID(Borrower)', 'id'], [':END_ID(Phone)', 'id'], ['role', 'string']] },
  USED_DEVICE: { type: 'USED_DEVICE', columns: [[':START_ID(Borrower)', 'id'], [':END_ID(Device)', 'id'], ['firstSeenAt:datetime', 'datetime'], ['lastSeenAt:datetime', 'datetime']] },
  RECRUITED_VIA: { type: 'RECRUITED_VIA', columns: [[':START_ID(Borrower)', 'id'], [':END_ID(AdSource)', 'id'], ['at:datetime', 'datetime']] },
  FILED: { type: 'FILED', columns: [[':START_ID(Borrower)', 'id'], [':END_ID(Complaint)', 'id']] },
  VIA: { type: 'VIA', columns: [[':START_ID(Complaint)', 'id'], [':END_ID(ComplaintChannel)', 'id']] },
  COMPLAINT_FROM_PHONE: { type: 'FROM_PHONE', columns: [[':START_ID(Complaint)', 'id'], [':END_ID(Phone)', 'id']] },
  FROM_DEVICE: { type: 'FROM_DEVICE', columns: [[':START_ID(Complaint)', 'id'], [':END_ID(Device)', 'id']] },
  ABOUT: { type: 'ABOUT', columns: [[':START_ID(Call)', 'id'], [':END_ID(Borrower)', 'id']] },
  CALL_FROM_PHONE: { type: 'FROM_PHONE', columns: [[':START_ID(Call)', 'id'], [':END_ID(Phone)', 'id']] },
  SPOKEN_BY: { type: 'SPOKEN_BY', columns: [[':START_ID(Call)', 'id'], [':END_ID(Voiceprint)', 'id']] },
} as const satisfies Record<string, ({ label: string } | { type: string }) & { columns: readonly Column[] }>;

type TableName = keyof typeof TABLES;

/** The files of one import, as the importer's --nodes and --relationships options name them. */
export interface ImportFiles {
  folder: string;
  nodes: { label: string; file: string; rows: number }[];
  relationships: { type: string; file: string; rows: number }[];
  /** Files with a line break inside a value, which the importer must read as multi-line. */
  multiline: string[];
}

interface Sighting {
  borrowerId: string;
  deviceId: string;
  first: { value: string; key: InstantKey } | null;
  last: { value: string; key: InstantKey } | null;
}

/** Writes the import files for the records into `folder`; `stampedAt` is the stamps' date-time. */
export async function writeImportFiles(records: AsyncIterable<ValidatedRecord>, folder: string, stampedAt: string): Promise<ImportFiles> {
  mkdirSync(folder, { recursive: true });
  const tables = Object.fromEntries(
    Object.entries(TABLES).map(([name, table]) => [
      name,
      new CsvTable(join(folder, `${name}.csv`), table.columns.map(([, type]) => type), table.columns.map(([header]) => header)),
    ]),
  ) as Record<TableName, CsvTable>;
  // Keys already written where several records may name one: the transactional loader MERGEs
  // on these. Keyed records (borrowers, ad sources, channels, recruitments, complaints,
  // calls) come once per key, since validation leaves identical repeats out of what it
  // passes on, so they need no memory of their own: at 5,000,000 borrowers that memory
  // was more than Node's default heap.
  const seen = Object.fromEntries(DERIVED.map((name) => [name, new Set<string>()])) as Record<Derived, Set<string>>;
  const rows: Rows = {
    fresh: (table, key) => !seen[table].has(key) && Boolean(seen[table].add(key)),
    add: (table, cells) => tables[table].add(cells),
  };
  const sightings = new Map<string, Sighting>();
  const perKind = new Map<RecordKind, number>();

  for await (const record of records) {
    perKind.set(record.kind, (perKind.get(record.kind) ?? 0) + 1);
    for (const wait of rowsOf(record, rows, sightings)) if (wait) await wait;
  }
  for (const s of sightings.values()) {
    const wait = tables.USED_DEVICE.add([s.borrowerId, s.deviceId, s.first?.value, s.last?.value]);
    if (wait) await wait;
  }
  for (const [kind, count] of perKind) await tables.IngestStamp.add([stampedAt, kind, count]);
  await Promise.all(Object.values(tables).map((table) => table.close()));

  const files: ImportFiles = { folder, nodes: [], relationships: [], multiline: [] };
  for (const [name, table] of Object.entries(tables) as [TableName, CsvTable][]) {
    if (table.rows === 0) continue;
    const spec = TABLES[name];
    if ('label' in spec) files.nodes.push({ label: spec.label, file: table.file, rows: table.rows });
    else files.relationships.push({ type: spec.type, file: table.file, rows: table.rows });
    if (table.multiline) files.multiline.push(table.file);
  }
  return files;
}

/** Nodes and relationships that several records may name, and the transactional loader MERGEs. */
const DERIVED = ['Phone', 'Device', 'Voiceprint', 'HAS_PHONE'] as const;
type Derived = (typeof DERIVED)[number];

interface Rows {
  /** True the first time a key is seen in a table (and notes it). */
  fresh(table: Derived, key: string): boolean;
  add(table: TableName, cells: Cell[]): Promise<void> | undefined;
}

/** The rows one record contributes; the same nodes and relationships cypher/ingest/<kind>.cypher MERGEs. */
function rowsOf(record: ValidatedRecord, rows: Rows, sightings: Map<string, Sighting>): (Promise<void> | undefined)[] {
  const { fresh, add } = rows;
  const once = (table: Derived, key: string, cells: () => Cell[]) => (fresh(table, key) ? add(table, cells()) : undefined);
  const data = record.data;
  switch (record.kind) {
    case 'borrowers': {
      const r = data as RecordOf<'borrowers'>;
      return [add('Borrower', [r.id, r.name, r.idNumberHash, r.registeredAt, r.overdueDays, r.outstandingPrincipal])];
    }
    case 'adSources': {
      const r = data as RecordOf<'adSources'>;
      return [add('AdSource', [r.id, r.kind, r.label])];
    }
    case 'complaintChannels': {
      const r = data as RecordOf<'complaintChannels'>;
      return [add('ComplaintChannel', [r.id, r.name, r.kind])];
    }
    case 'phoneLinks': {
      const r = data as RecordOf<'phoneLinks'>;
      return [once('Phone', r.phone, () => [r.phone]), once('HAS_PHONE', `${r.borrowerId}\u0000${r.phone}\u0000${r.role}`, () => [r.borrowerId, r.phone, r.role])];
    }
    case 'deviceLinks': {
      const r = data as RecordOf<'deviceLinks'>;
      noteSighting(sightings, r);
      return [once('Device', r.deviceId, () => [r.deviceId])];
    }
    case 'recruitments': {
      const r = data as RecordOf<'recruitments'>;
      return [add('RECRUITED_VIA', [r.borrowerId, r.adSourceId, r.at])];
    }
    case 'complaints': {
      const r = data as RecordOf<'complaints'>;
      return [
        add('Complaint', [r.id, r.filedAt, r.claim, r.text]),
        add('FILED', [r.borrowerId, r.id]),
        add('VIA', [r.id, r.channelId]),
        r.phone === undefined ? undefined : once('Phone', r.phone, () => [r.phone]),
        r.phone === undefined ? undefined : add('COMPLAINT_FROM_PHONE', [r.id, r.phone]),
        r.deviceId === undefined ? undefined : once('Device', r.deviceId, () => [r.deviceId]),
        r.deviceId === undefined ? undefined : add('FROM_DEVICE', [r.id, r.deviceId]),
      ];
    }
    case 'calls': {
      const r = data as RecordOf<'calls'>;
      return [
        add('Call', [r.id, r.at, r.voiceMatch, r.identityVerified]),
        add('ABOUT', [r.id, r.borrowerId]),
        r.phone === undefined ? undefined : once('Phone', r.phone, () => [r.phone]),
        r.phone === undefined ? undefined : add('CALL_FROM_PHONE', [r.id, r.phone]),
        r.voiceprintId === undefined ? undefined : once('Voiceprint', r.voiceprintId, () => [r.voiceprintId]),
        r.voiceprintId === undefined ? undefined : add('SPOKEN_BY', [r.id, r.voiceprintId]),
      ];
    }
  }
}

/** Widens a borrower's window on a device as deviceLinks.cypher does: the earliest and latest sighting, the first of equals kept. */
function noteSighting(sightings: Map<string, Sighting>, r: RecordOf<'deviceLinks'>): void {
  const key = `${r.borrowerId}\u0000${r.deviceId}`;
  let s = sightings.get(key);
  if (!s) sightings.set(key, (s = { borrowerId: r.borrowerId, deviceId: r.deviceId, first: null, last: null }));
  if (r.seenAt === undefined) return;
  const seen = { value: r.seenAt, key: instantKey(r.seenAt) };
  if (!s.first || compareInstants(seen.key, s.first.key) < 0) s.first = seen;
  if (!s.last || compareInstants(seen.key, s.last.key) > 0) s.last = seen;
}

/** The arguments of `neo4j-admin database import full` for these files. */
export function importArguments(files: ImportFiles, database: string, options: { threads: number; maxOffHeapMemory: string; reportFile: string }): string[] {
  const args = ['database', 'import', 'full'];
  // Multi-line reading is slow, so only the files that need it are read that way.
  if (files.multiline.length > 0) args.push('--multiline-fields-format=v2', `--multiline-fields=${files.multiline.join(',')}`);
  args.push(
    ...files.nodes.map((n) => `--nodes=${n.label}=${n.file}`),
    ...files.relationships.map((r) => `--relationships=${r.type}=${r.file}`),
    // Single-valued options last: a file list would otherwise take the database name as a file.
    '--overwrite-destination=true',
    `--threads=${options.threads}`,
    `--max-off-heap-memory=${options.maxOffHeapMemory}`,
    `--report-file=${options.reportFile}`,
    database,
  );
  return args;
}
