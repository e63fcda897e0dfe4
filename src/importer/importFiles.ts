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

/**
 * Each borrower's window on each device, widened as deviceLinks.cypher widens it: the
 * earliest and latest sighting, the first of equals kept. Held in flat arrays, because at
 * 5,000,000 borrowers there are millions of windows, and as objects they were gigabytes
 * that every garbage collection of the reading thread walked.
 */
class DeviceWindows {
  private readonly index = new Map<string, number>();
  /** Per window, six numbers: the InstantKey of its first sighting, then of its last. */
  private keys = new Float64Array(6 * 1024);
  private readonly first: (string | undefined)[] = [];
  private readonly last: (string | undefined)[] = [];

  note([borrowerId, deviceId, value, ...key]: NonNullable<ImportRecordRows['sighting']>): void {
    const id = `${borrowerId}\u0000${deviceId}`;
    let w = this.index.get(id);
    if (w === undefined) {
      w = this.first.length;
      this.index.set(id, w);
      this.first.push(undefined);
      this.last.push(undefined);
      if (6 * (w + 1) > this.keys.length) this.grow();
    }
    if (value === undefined) return;
    const seen = key as unknown as InstantKey;
    if (this.first[w] === undefined || compareInstants(seen, this.keyAt(w, 0)) < 0) this.set(w, 0, value, seen);
    if (this.last[w] === undefined || compareInstants(seen, this.keyAt(w, 3)) > 0) this.set(w, 3, value, seen);
  }

  /** Borrower, device, first and last sighting of each window, in the order they were first seen. */
  *windows(): Generator<[borrowerId: string, deviceId: string, first: string | undefined, last: string | undefined]> {
    for (const [id, w] of this.index) {
      // Ids hold no control character (contract/text.ts), so the NUL is the one note() put there.
      const cut = id.indexOf('\u0000');
      yield [id.slice(0, cut), id.slice(cut + 1), this.first[w], this.last[w]];
    }
  }

  private keyAt(w: number, at: 0 | 3): InstantKey {
    const k = this.keys;
    return [k[6 * w + at]!, k[6 * w + at + 1]!, k[6 * w + at + 2]!];
  }

  private set(w: number, at: 0 | 3, value: string, key: InstantKey): void {
    (at === 0 ? this.first : this.last)[w] = value;
    this.keys.set(key, 6 * w + at);
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}

/** Nodes and relationships that several records may name, and the transactional loader MERGEs. */
const DERIVED = ['Phone', 'Device', 'Voiceprint', 'HAS_PHONE'] as const;
type Derived = (typeof DERIVED)[number];

/**
 * What one validated record contributes to the import files, computed where the record is
 * checked (a worker thread). Flat, because it crosses threads a million times: per row its
 * table, its encoded line, 'multiline' or null, and for a row several records may give (a
 * phone) the key it is written once by, else null; for a device link, the sighting as
 * borrower, device, then the date-time and its InstantKey if it has one.
 */
export interface ImportRecordRows {
  rows: (string | null)[];
  sighting?: [borrowerId: string, deviceId: string, ...seen: [] | [value: string, ...key: InstantKey]];
}

const TYPES = Object.fromEntries(Object.entries(TABLES).map(([name, table]) => [name, table.columns.map(([, type]) => type)])) as unknown as Record<TableName, CellType[]>;

function addRow(rows: (string | null)[], table: TableName, cells: Cell[], onceBy: string | null = null): void {
  const { line, multiline } = encodeRow(cells, TYPES[table]);
  rows.push(table, line, multiline ? 'multiline' : null, onceBy);
}

/** The rows one record contributes; the same nodes and relationships cypher/ingest/<kind>.cypher MERGEs. */
export function importRowsOf(kind: RecordKind, data: object): ImportRecordRows {
  const rows: (string | null)[] = [];
  const add = (table: TableName, cells: Cell[], onceBy?: string) => addRow(rows, table, cells, onceBy);
  switch (kind) {
    case 'borrowers': {
      const r = data as RecordOf<'borrowers'>;
      add('Borrower', [r.id, r.name, r.idNumberHash, r.registeredAt, r.overdueDays, r.outstandingPrincipal]);
      return { rows };
    }
    case 'adSources': {
      const r = data as RecordOf<'adSources'>;
      add('AdSource', [r.id, r.kind, r.label]);
      return { rows };
    }
    case 'complaintChannels': {
      const r = data as RecordOf<'complaintChannels'>;
      add('ComplaintChannel', [r.id, r.name, r.kind]);
      return { rows };
    }
    case 'phoneLinks': {
      const r = data as RecordOf<'phoneLinks'>;
      add('Phone', [r.phone], r.phone);
      add('HAS_PHONE', [r.borrowerId, r.phone, r.role], `${r.borrowerId}\u0000${r.phone}\u0000${r.role}`);
      return { rows };
    }
    case 'deviceLinks': {
      const r = data as RecordOf<'deviceLinks'>;
      add('Device', [r.deviceId], r.deviceId);
      return { rows, sighting: r.seenAt === undefined ? [r.borrowerId, r.deviceId] : [r.borrowerId, r.deviceId, r.seenAt, ...instantKey(r.seenAt)] };
    }
    case 'recruitments': {
      const r = data as RecordOf<'recruitments'>;
      add('RECRUITED_VIA', [r.borrowerId, r.adSourceId, r.at]);
      return { rows };
    }
    case 'complaints': {
      const r = data as RecordOf<'complaints'>;
      add('Complaint', [r.id, r.filedAt, r.claim, r.text]);
      add('FILED', [r.borrowerId, r.id]);
      add('VIA', [r.id, r.channelId]);
      if (r.phone !== undefined) add('Phone', [r.phone], r.phone), add('COMPLAINT_FROM_PHONE', [r.id, r.phone]);
      if (r.deviceId !== undefined) add('Device', [r.deviceId], r.deviceId), add('FROM_DEVICE', [r.id, r.deviceId]);
      return { rows };
    }
    case 'calls': {
      const r = data as RecordOf<'calls'>;
      add('Call', [r.id, r.at, r.voiceMatch, r.identityVerified]);
      add('ABOUT', [r.id, r.borrowerId]);
      if (r.phone !== undefined) add('Phone', [r.phone], r.phone), add('CALL_FROM_PHONE', [r.id, r.phone]);
      if (r.voiceprintId !== undefined) add('Voiceprint', [r.voiceprintId], r.voiceprintId), add('SPOKEN_BY', [r.id, r.voiceprintId]);
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
  private readonly windows = new DeviceWindows();
  private readonly perKind = new Map<RecordKind, number>();

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    this.tables = Object.fromEntries(
      Object.entries(TABLES).map(([name, table]) => [name, new CsvTable(join(folder, `${name}.csv`), TYPES[name as TableName], table.columns.map(([header]) => header))]),
    ) as Record<TableName, CsvTable>;
  }

  add(kind: RecordKind, _file: string, _line: number, { rows, sighting }: ImportRecordRows): Promise<void> | undefined {
    this.perKind.set(kind, (this.perKind.get(kind) ?? 0) + 1);
    if (sighting) this.windows.note(sighting);
    let wait: Promise<void> | undefined;
    for (let i = 0; i < rows.length; i += 4) {
      const table = rows[i] as TableName;
      const onceBy = rows[i + 3];
      if (onceBy !== null) {
        const seen = this.seen[table as Derived];
        if (seen.has(onceBy!)) continue;
        seen.add(onceBy!);
      }
      wait = this.tables[table].addLine(rows[i + 1]!, rows[i + 2] !== null) ?? wait;
    }
    return wait;
  }

  /** Adds the device windows and the stamps (`stampedAt`), closes the files and names them for the importer. */
  async finish(stampedAt: string): Promise<ImportFiles> {
    const { tables } = this;
    for (const window of this.windows.windows()) {
      const wait = tables.USED_DEVICE.add(window);
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
