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
 * it is checked (importRowsOf, on a worker thread); the writer numbers the nodes, keeps the
 * first of repeated rows and appends, so conversion is done by the time validation is.
 */

type Column = readonly [name: string, type: CellType];

/**
 * Every file the importer gets: a node label, or a relationship type and the labels it
 * joins, and the property columns. A node's own id, its first column, is a number the
 * writer gives it (see NodeIds), so the importer has no strings to map; the key the graph
 * is looked up by (a node's first property) stays a property.
 */
const TABLES = {
  Borrower: { label: 'Borrower', columns: [['id', 'id'], ['name', 'string'], ['idNumberHash', 'string'], ['registeredAt:datetime', 'datetime'], ['overdueDays:long', 'long'], ['outstandingPrincipal:double', 'double']] },
  AdSource: { label: 'AdSource', columns: [['id', 'id'], ['kind', 'string'], ['label', 'string']] },
  ComplaintChannel: { label: 'ComplaintChannel', columns: [['id', 'id'], ['name', 'string'], ['kind', 'string']] },
  Phone: { label: 'Phone', columns: [['number', 'id']] },
  Device: { label: 'Device', columns: [['id', 'id']] },
  Voiceprint: { label: 'Voiceprint', columns: [['id', 'id']] },
  Complaint: { label: 'Complaint', columns: [['id', 'id'], ['filedAt:datetime', 'datetime'], ['claim', 'string'], ['text', 'string']] },
  Call: { label: 'Call', columns: [['id', 'id'], ['at:datetime', 'datetime'], ['voiceMatch:boolean', 'boolean'], ['identityVerified:boolean', 'boolean']] },
  IngestStamp: { label: 'IngestStamp', columns: [['at:datetime', 'datetime'], ['kind', 'string'], ['records:long', 'long']] },
  HAS_PHONE: { type: 'HAS_PHONE', from: 'Borrower', to: 'Phone', columns: [['role', 'string']] },
  USED_DEVICE: { type: 'USED_DEVICE', from: 'Borrower', to: 'Device', columns: [['firstSeenAt:datetime', 'datetime'], ['lastSeenAt:datetime', 'datetime']] },
  RECRUITED_VIA: { type: 'RECRUITED_VIA', from: 'Borrower', to: 'AdSource', columns: [['at:datetime', 'datetime']] },
  FILED: { type: 'FILED', from: 'Borrower', to: 'Complaint', columns: [] },
  VIA: { type: 'VIA', from: 'Complaint', to: 'ComplaintChannel', columns: [] },
  COMPLAINT_FROM_PHONE: { type: 'FROM_PHONE', from: 'Complaint', to: 'Phone', columns: [] },
  FROM_DEVICE: { type: 'FROM_DEVICE', from: 'Complaint', to: 'Device', columns: [] },
  ABOUT: { type: 'ABOUT', from: 'Call', to: 'Borrower', columns: [] },
  CALL_FROM_PHONE: { type: 'FROM_PHONE', from: 'Call', to: 'Phone', columns: [] },
  SPOKEN_BY: { type: 'SPOKEN_BY', from: 'Call', to: 'Voiceprint', columns: [] },
} as const satisfies Record<string, ({ label: string } | { type: string; from: string; to: string }) & { columns: readonly Column[] }>;

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

type NodeTable = { [T in TableName]: (typeof TABLES)[T] extends { label: string } ? T : never }[TableName];
type RelationshipTable = Exclude<TableName, NodeTable>;
type Label = (typeof TABLES)[NodeTable]['label'];

/**
 * The node ids of one import (`--id-type=actual`): each node's id is a number given here,
 * in the order keys are first met, so the importer writes each node where its id says and
 * looks nothing up. With string ids it sorted and searched every key, and at 1,000,000
 * borrowers that took half its time: the relationships alone 32-45 s against 7-10 s.
 * Ids are given across files out of the order of the files; Neo4j 5.26 accepts that (a
 * consistency check of an imported store found no problem, and nodes created afterwards
 * get ids past the last). One map per label from key to id; a key a relationship meets
 * before its node's row is written keeps its id as a negative number until then, so every
 * node's row is written once and a key no row ever defined is found at the end.
 */
class NodeIds {
  private readonly byLabel = new Map<Label, Map<string, number>>();
  private next = 0;

  /** The id of the node whose row is being written, or undefined if its row was written before. */
  forRow(label: Label, key: string): number | undefined {
    const ids = this.idsOf(label);
    const known = ids.get(key);
    if (known !== undefined && known >= 0) return undefined;
    const id = known === undefined ? this.next++ : -known - 1;
    ids.set(key, id);
    return id;
  }

  /** The id of a node a relationship points at. */
  of(label: Label, key: string): number {
    const ids = this.idsOf(label);
    const known = ids.get(key);
    if (known !== undefined) return known < 0 ? -known - 1 : known;
    const id = this.next++;
    ids.set(key, -id - 1);
    return id;
  }

  private idsOf(label: Label): Map<string, number> {
    let ids = this.byLabel.get(label);
    if (!ids) this.byLabel.set(label, (ids = new Map()));
    return ids;
  }

  /** An id for a node no key names (a stamp). */
  fresh(): number {
    return this.next++;
  }

  /** A key some relationship points at that no node row defined (validation should have refused it). */
  undefinedKey(): { label: Label; key: string } | null {
    for (const [label, ids] of this.byLabel) for (const [key, id] of ids) if (id < 0) return { label, key };
    return null;
  }
}

/**
 * Nodes only the record that defines them points at (a complaint's or a call's own
 * relationships come with it; no other kind of record names one), and which validation
 * hands on once per key: their ids need no map, which at 5,000,000 borrowers would hold
 * millions of keys for nothing.
 */
const OWN_RECORD_ONLY: ReadonlySet<Label> = new Set<Label>(['Complaint', 'Call']);

/**
 * What one validated record contributes to the import files, computed where the record is
 * checked (a worker thread). Flat, because it crosses threads a million times: per row its
 * table, its encoded property cells, 'multiline' or null, for a relationship several
 * records may give (a phone link) the key it is written once by, else null, then the key
 * of the node (or the keys of the relationship's two ends, as the writer numbers them);
 * for a device link, the sighting as borrower, device, then the date-time and its
 * InstantKey if it has one.
 */
export interface ImportRecordRows {
  rows: (string | null)[];
  sighting?: [borrowerId: string, deviceId: string, ...seen: [] | [value: string, ...key: InstantKey]];
}

/** Values per row in ImportRecordRows.rows. */
const ROW = 6;

const TYPES = Object.fromEntries(Object.entries(TABLES).map(([name, table]) => [name, table.columns.map(([, type]) => type)])) as unknown as Record<TableName, CellType[]>;

/** The header of a table's file: its own id (or its two ends' ids), then its properties. */
function headerOf(name: TableName): string[] {
  const table = TABLES[name];
  const ids = 'label' in table ? [':ID'] : [':START_ID', ':END_ID'];
  return [...ids, ...table.columns.map(([header]) => header)];
}

// Module functions rather than closures in importRowsOf: it runs once per record, and the
// build that runs TypeScript here names every closure it creates (about 2 % of a thread).
function node(rows: (string | null)[], table: NodeTable, cells: [key: string, ...Cell[]]): void {
  const { line, multiline } = encodeRow(cells, TYPES[table]);
  rows.push(table, line, multiline ? 'multiline' : null, null, cells[0], null);
}

function link(rows: (string | null)[], table: RelationshipTable, from: string, to: string, cells: Cell[] = [], onceBy: string | null = null): void {
  const { line, multiline } = encodeRow(cells, TYPES[table]);
  rows.push(table, line, multiline ? 'multiline' : null, onceBy, from, to);
}

/** The rows one record contributes; the same nodes and relationships cypher/ingest/<kind>.cypher MERGEs. */
export function importRowsOf(kind: RecordKind, data: object): ImportRecordRows {
  const rows: (string | null)[] = [];
  switch (kind) {
    case 'borrowers': {
      const r = data as RecordOf<'borrowers'>;
      node(rows, 'Borrower', [r.id, r.name, r.idNumberHash, r.registeredAt, r.overdueDays, r.outstandingPrincipal]);
      return { rows };
    }
    case 'adSources': {
      const r = data as RecordOf<'adSources'>;
      node(rows, 'AdSource', [r.id, r.kind, r.label]);
      return { rows };
    }
    case 'complaintChannels': {
      const r = data as RecordOf<'complaintChannels'>;
      node(rows, 'ComplaintChannel', [r.id, r.name, r.kind]);
      return { rows };
    }
    case 'phoneLinks': {
      const r = data as RecordOf<'phoneLinks'>;
      node(rows, 'Phone', [r.phone]);
      link(rows, 'HAS_PHONE', r.borrowerId, r.phone, [r.role], `${r.borrowerId}\u0000${r.phone}\u0000${r.role}`);
      return { rows };
    }
    case 'deviceLinks': {
      const r = data as RecordOf<'deviceLinks'>;
      node(rows, 'Device', [r.deviceId]);
      return { rows, sighting: r.seenAt === undefined ? [r.borrowerId, r.deviceId] : [r.borrowerId, r.deviceId, r.seenAt, ...instantKey(r.seenAt)] };
    }
    case 'recruitments': {
      const r = data as RecordOf<'recruitments'>;
      link(rows, 'RECRUITED_VIA', r.borrowerId, r.adSourceId, [r.at]);
      return { rows };
    }
    case 'complaints': {
      const r = data as RecordOf<'complaints'>;
      node(rows, 'Complaint', [r.id, r.filedAt, r.claim, r.text]);
      link(rows, 'FILED', r.borrowerId, r.id);
      link(rows, 'VIA', r.id, r.channelId);
      if (r.phone !== undefined) node(rows, 'Phone', [r.phone]), link(rows, 'COMPLAINT_FROM_PHONE', r.id, r.phone);
      if (r.deviceId !== undefined) node(rows, 'Device', [r.deviceId]), link(rows, 'FROM_DEVICE', r.id, r.deviceId);
      return { rows };
    }
    case 'calls': {
      const r = data as RecordOf<'calls'>;
      node(rows, 'Call', [r.id, r.at, r.voiceMatch, r.identityVerified]);
      link(rows, 'ABOUT', r.id, r.borrowerId);
      if (r.phone !== undefined) node(rows, 'Phone', [r.phone]), link(rows, 'CALL_FROM_PHONE', r.id, r.phone);
      if (r.voiceprintId !== undefined) node(rows, 'Voiceprint', [r.voiceprintId]), link(rows, 'SPOKEN_BY', r.id, r.voiceprintId);
      return { rows };
    }
  }
}

/**
 * Writes the import files as validation accepts records, in input order: it numbers the
 * nodes, keeps the first row of each node and of each phone link (several records name
 * one phone; the transactional loader MERGEs it), folds device sightings into windows,
 * and on finish adds the windows and one IngestStamp per kind.
 */
export class ImportFileWriter {
  readonly encoding = 'import';
  private readonly tables: Record<TableName, CsvTable>;
  private readonly ids = new NodeIds();
  // Phone links already written. Other relationships come once per record, and keyed
  // records once per key (validation passes identical repeats on only once).
  private readonly phoneLinks = new Set<string>();
  private readonly windows = new DeviceWindows();
  private readonly perKind = new Map<RecordKind, number>();

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    this.tables = Object.fromEntries(
      Object.keys(TABLES).map((name) => [name, new CsvTable(join(folder, `${name}.csv`), TYPES[name as TableName], headerOf(name as TableName))]),
    ) as Record<TableName, CsvTable>;
  }

  add(kind: RecordKind, _file: string, _line: number, { rows, sighting }: ImportRecordRows): Promise<void> | undefined {
    this.perKind.set(kind, (this.perKind.get(kind) ?? 0) + 1);
    if (sighting) this.windows.note(sighting);
    let wait: Promise<void> | undefined;
    let own: { label: Label; key: string; id: number } | undefined;
    for (let i = 0; i < rows.length; i += ROW) {
      const name = rows[i] as TableName;
      const [line, multiline, onceBy, from, to] = [rows[i + 1]!, rows[i + 2] !== null, rows[i + 3], rows[i + 4]!, rows[i + 5]];
      const table = TABLES[name];
      let ids: string;
      if ('label' in table) {
        let id: number | undefined;
        if (OWN_RECORD_ONLY.has(table.label)) own = { label: table.label, key: from, id: (id = this.ids.fresh()) };
        else id = this.ids.forRow(table.label, from);
        if (id === undefined) continue;
        ids = String(id);
      } else {
        if (onceBy) {
          if (this.phoneLinks.has(onceBy)) continue;
          this.phoneLinks.add(onceBy);
        }
        ids = `${this.idOf(own, table.from, from)},${this.idOf(own, table.to, to!)}`;
      }
      wait = this.tables[name].addLine(line === '' ? ids : `${ids},${line}`, multiline) ?? wait;
    }
    return wait;
  }

  /** The id of a relationship's end: the record's own call or complaint, or a node numbered by key. */
  private idOf(own: { label: Label; key: string; id: number } | undefined, label: Label, key: string): number {
    return own && own.label === label && own.key === key ? own.id : this.ids.of(label, key);
  }

  /** Adds the device windows and the stamps (`stampedAt`), closes the files and names them for the importer. */
  async finish(stampedAt: string): Promise<ImportFiles> {
    const { tables, ids } = this;
    for (const [borrowerId, deviceId, first, last] of this.windows.windows()) {
      const wait = tables.USED_DEVICE.add([ids.of('Borrower', borrowerId), ids.of('Device', deviceId), first, last], 2);
      if (wait) await wait;
    }
    for (const [kind, count] of this.perKind) await tables.IngestStamp.add([ids.fresh(), stampedAt, kind, count], 1);
    const missing = ids.undefinedKey();
    // Validation refuses a reference to nothing; the importer would drop such a relationship without a word.
    if (missing) throw new Error(`A relationship points at ${missing.label} ${JSON.stringify(missing.key)}, which no record defines`);
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
    '--id-type=actual',
    `--threads=${options.threads}`,
    `--max-off-heap-memory=${options.maxOffHeapMemory}`,
    `--report-file=${options.reportFile}`,
    database,
  );
  return args;
}
