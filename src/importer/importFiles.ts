import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import { CsvTable, encodeRow, type Cell, type CellType } from './csvTable';
import { compareInstants, instantKey, type InstantKey } from './instant';

/**
 * Validated records as the CSV files of Neo4j's offline importer, building the graph
 * the transactional loader's Cypher (cypher/ingest/*.cypher) builds from the same records:
 * one node per key (validation hands on each keyed record once), phones, devices and
 * voiceprints from every record that names them, one HAS_PHONE per borrower, phone and
 * role, and one USED_DEVICE per borrower and device whose window spans its sightings.
 * The import leaves one IngestStamp per kind, as a write of those records through the
 * loader would, so caches keyed on the stamps notice. A record's rows are encoded where
 * it is checked (importRowsOf, on a worker thread); the writer only keeps the first of
 * repeated rows and appends, so conversion is done by the time validation is.
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

/** A borrower's sighting of a device, as one device link gives it. */
interface Sighting {
  borrowerId: string;
  deviceId: string;
  seen: { value: string; key: InstantKey } | null;
}

/** A borrower's window on a device: its earliest and latest sighting. */
interface Window {
  borrowerId: string;
  deviceId: string;
  first: Sighting['seen'];
  last: Sighting['seen'];
}

/** Nodes and relationships that several records may name, and the transactional loader MERGEs. */
const DERIVED = ['Phone', 'Device', 'Voiceprint', 'HAS_PHONE'] as const;
type Derived = (typeof DERIVED)[number];

/** A row of one table, encoded, and for a row several records may give (a phone), the key it is written once by. */
type ImportRow = readonly [table: TableName, line: string, multiline: boolean, onceBy?: string];

/** What one validated record contributes to the import files; computed where the record is checked (a worker thread). */
export interface ImportRecordRows {
  rows: ImportRow[];
  sighting?: Sighting;
}

const TYPES = Object.fromEntries(Object.entries(TABLES).map(([name, table]) => [name, table.columns.map(([, type]) => type)])) as unknown as Record<TableName, CellType[]>;

function row(table: TableName, cells: Cell[], onceBy?: string): ImportRow {
  const { line, multiline } = encodeRow(cells, TYPES[table]);
  return onceBy === undefined ? [table, line, multiline] : [table, line, multiline, onceBy];
}

/** The rows one record contributes; the same nodes and relationships cypher/ingest/<kind>.cypher MERGEs. */
export function importRowsOf(kind: RecordKind, data: object): ImportRecordRows {
  switch (kind) {
    case 'borrowers': {
      const r = data as RecordOf<'borrowers'>;
      return { rows: [row('Borrower', [r.id, r.name, r.idNumberHash, r.registeredAt, r.overdueDays, r.outstandingPrincipal])] };
    }
    case 'adSources': {
      const r = data as RecordOf<'adSources'>;
      return { rows: [row('AdSource', [r.id, r.kind, r.label])] };
    }
    case 'complaintChannels': {
      const r = data as RecordOf<'complaintChannels'>;
      return { rows: [row('ComplaintChannel', [r.id, r.name, r.kind])] };
    }
    case 'phoneLinks': {
      const r = data as RecordOf<'phoneLinks'>;
      return { rows: [row('Phone', [r.phone], r.phone), row('HAS_PHONE', [r.borrowerId, r.phone, r.role], `${r.borrowerId}\u0000${r.phone}\u0000${r.role}`)] };
    }
    case 'deviceLinks': {
      const r = data as RecordOf<'deviceLinks'>;
      const seen = r.seenAt === undefined ? null : { value: r.seenAt, key: instantKey(r.seenAt) };
      return { rows: [row('Device', [r.deviceId], r.deviceId)], sighting: { borrowerId: r.borrowerId, deviceId: r.deviceId, seen } };
    }
    case 'recruitments': {
      const r = data as RecordOf<'recruitments'>;
      return { rows: [row('RECRUITED_VIA', [r.borrowerId, r.adSourceId, r.at])] };
    }
    case 'complaints': {
      const r = data as RecordOf<'complaints'>;
      const rows = [row('Complaint', [r.id, r.filedAt, r.claim, r.text]), row('FILED', [r.borrowerId, r.id]), row('VIA', [r.id, r.channelId])];
      if (r.phone !== undefined) rows.push(row('Phone', [r.phone], r.phone), row('COMPLAINT_FROM_PHONE', [r.id, r.phone]));
      if (r.deviceId !== undefined) rows.push(row('Device', [r.deviceId], r.deviceId), row('FROM_DEVICE', [r.id, r.deviceId]));
      return { rows };
    }
    case 'calls': {
      const r = data as RecordOf<'calls'>;
      const rows = [row('Call', [r.id, r.at, r.voiceMatch, r.identityVerified]), row('ABOUT', [r.id, r.borrowerId])];
      if (r.phone !== undefined) rows.push(row('Phone', [r.phone], r.phone), row('CALL_FROM_PHONE', [r.id, r.phone]));
      if (r.voiceprintId !== undefined) rows.push(row('Voiceprint', [r.voiceprintId], r.voiceprintId), row('SPOKEN_BY', [r.id, r.voiceprintId]));
      return { rows };
    }
  }
}

/**
 * Writes the import files as validation accepts records, in input order: it keeps the
 * first of the rows several records give, folds device sightings into windows, and
 * on finish adds the windows and one IngestStamp per kind.
 */
export class ImportFileWriter {
  readonly encoding = 'import';
  private readonly tables: Record<TableName, CsvTable>;
  // Keys already written where several records may name one: the transactional loader MERGEs
  // on these. Keyed records (borrowers, ad sources, channels, recruitments, complaints,
  // calls) come once per key, since validation passes identical repeats on only once, so
  // they need no memory of their own: at 5,000,000 borrowers that memory was more than
  // Node's default heap.
  private readonly seen = Object.fromEntries(DERIVED.map((name) => [name, new Set<string>()])) as Record<Derived, Set<string>>;
  private readonly windows = new Map<string, Window>();
  private readonly perKind = new Map<RecordKind, number>();

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    this.tables = Object.fromEntries(
      Object.entries(TABLES).map(([name, table]) => [name, new CsvTable(join(folder, `${name}.csv`), TYPES[name as TableName], table.columns.map(([header]) => header))]),
    ) as Record<TableName, CsvTable>;
  }

  add(kind: RecordKind, _file: string, _line: number, { rows, sighting }: ImportRecordRows): Promise<void> | undefined {
    this.perKind.set(kind, (this.perKind.get(kind) ?? 0) + 1);
    if (sighting) this.note(sighting);
    let wait: Promise<void> | undefined;
    for (const [table, line, multiline, onceBy] of rows) {
      if (onceBy !== undefined) {
        const seen = this.seen[table as Derived];
        if (seen.has(onceBy)) continue;
        seen.add(onceBy);
      }
      wait = this.tables[table].addLine(line, multiline) ?? wait;
    }
    return wait;
  }

  /** Widens a borrower's window on a device as deviceLinks.cypher does: the earliest and latest sighting, the first of equals kept. */
  private note({ borrowerId, deviceId, seen }: Sighting): void {
    const key = `${borrowerId}\u0000${deviceId}`;
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = { borrowerId, deviceId, first: null, last: null }));
    if (seen === null) return;
    if (!w.first || compareInstants(seen.key, w.first.key) < 0) w.first = seen;
    if (!w.last || compareInstants(seen.key, w.last.key) > 0) w.last = seen;
  }

  /** Adds the device windows and the stamps (`stampedAt`), closes the files and names them for the importer. */
  async finish(stampedAt: string): Promise<ImportFiles> {
    const { tables } = this;
    for (const w of this.windows.values()) {
      const wait = tables.USED_DEVICE.add([w.borrowerId, w.deviceId, w.first?.value, w.last?.value]);
      if (wait) await wait;
    }
    for (const [kind, count] of this.perKind) await tables.IngestStamp.add([stampedAt, kind, count]);
    await this.close();
    const files: ImportFiles = { folder: this.folder, nodes: [], relationships: [], multiline: [] };
    for (const [name, table] of Object.entries(tables) as [TableName, CsvTable][]) {
      if (table.rows === 0) continue;
      const spec = TABLES[name];
      if ('label' in spec) files.nodes.push({ label: spec.label, file: table.file, rows: table.rows });
      else files.relationships.push({ type: spec.type, file: table.file, rows: table.rows });
      if (table.multiline) files.multiline.push(table.file);
    }
    return files;
  }

  /** Closes and deletes the files written so far (validation found problems). */
  async discard(): Promise<void> {
    await this.close().catch(() => {});
    for (const table of Object.values(this.tables)) rmSync(table.file, { force: true });
  }

  private async close(): Promise<void> {
    await Promise.all(Object.values(this.tables).map((table) => table.close()));
  }
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
