/**
 * How fast this machine's Neo4j writes through transactions at all: the simplest statements
 * that build borrowers and their phone ties (no MERGE of a relationship, no optional
 * properties, no check of what is stored), in rows of WRITE_CHUNK, with one writer and with
 * two. The loaders do more per record than these statements, so their rates are bounded by
 * these; a loading target above them is beyond this machine, whatever the loader does.
 * Runs on labels of its own, which it removes with their constraints when it is done.
 */
import type { GraphDatabase } from '../src/neo4j/graphDatabase';
import { chunksOf } from '../src/neo4j/ingestWriter';
import { loadAverages } from './loadAverage';

export const WRITE_CEILING_HEADING = '## Write ceiling';

/** The transactional bulk loader's target at 200,000 borrowers, end to end; reported, never asserted. */
export const BULK_LOAD_TARGET_RECORDS_PER_SECOND = 50_000;

/** Sizes like the 200,000-borrower scenario's: its borrowers, and about as many phone ties. */
const BORROWERS = 200_000;
const TIES = 300_000;
const PHONES = 250_000;
const WRITERS = [1, 2];

/** What a statement writes per row: a node, or a tie (the kind most records are). */
export type CeilingWrites = 'node' | 'tie';

export interface CeilingStatement {
  name: string;
  writes: CeilingWrites;
  /** What the loaders' statements for the same records do beyond it. */
  loaderDoesMore: string;
  cypher: string;
  rows: (tag: string) => Record<string, unknown>[];
}

const borrowerId = (tag: string, i: number) => `${tag}b${i}`;
const phoneNumber = (tag: string, i: number) => `${tag}p${i}`;

/** In the order they run: ties need the borrowers, and the last needs the phones of the second. */
export const CEILING_STATEMENTS: CeilingStatement[] = [
  {
    name: 'create a node with three properties',
    writes: 'node',
    loaderDoesMore: 'MERGE by id, six properties each kept when absent',
    cypher: 'UNWIND $rows AS row CREATE (:CeilingBorrower {id: row.id, name: row.name, overdueDays: row.overdueDays})',
    rows: (tag) => Array.from({ length: BORROWERS }, (_, i) => ({ id: borrowerId(tag, i), name: `name ${i}`, overdueDays: i % 90 })),
  },
  {
    name: 'match a node, merge another, create a tie',
    writes: 'tie',
    loaderDoesMore: "MERGE of the tie (a repeated record adds nothing), the tie's role",
    cypher: 'UNWIND $rows AS row MATCH (b:CeilingBorrower {id: row.borrowerId}) MERGE (p:CeilingPhone {number: row.phone}) CREATE (b)-[:CEILING_USES]->(p)',
    rows: (tag) => Array.from({ length: TIES }, (_, i) => ({ borrowerId: borrowerId(tag, i % BORROWERS), phone: phoneNumber(tag, (i * 7919) % PHONES) })),
  },
  {
    name: 'match two nodes, create a tie',
    writes: 'tie',
    loaderDoesMore: 'MERGE of the tie, its properties',
    cypher: 'UNWIND $rows AS row MATCH (b:CeilingBorrower {id: row.borrowerId}) MATCH (p:CeilingPhone {number: row.phone}) CREATE (b)-[:CEILING_SEEN_WITH]->(p)',
    // Only phones the statement before created: (i * 7919) % PHONES over i < TIES covers them all once TIES >= PHONES.
    rows: (tag) => Array.from({ length: TIES }, (_, i) => ({ borrowerId: borrowerId(tag, (i * 31) % BORROWERS), phone: phoneNumber(tag, (i * 104_729) % PHONES) })),
  },
];

export interface CeilingFigure {
  statement: string;
  writes: CeilingWrites;
  loaderDoesMore: string;
  writers: number;
  rows: number;
  ms: number;
}

export interface WriteCeilingFigures {
  figures: CeilingFigure[];
  loadStart: number[];
  loadEnd: number[];
}

const SCHEMA = [
  'CREATE CONSTRAINT ceiling_borrower_id IF NOT EXISTS FOR (n:CeilingBorrower) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT ceiling_phone_number IF NOT EXISTS FOR (n:CeilingPhone) REQUIRE n.number IS UNIQUE',
];
const CLEAN_UP = [
  'MATCH (n:CeilingBorrower|CeilingPhone) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
  'DROP CONSTRAINT ceiling_borrower_id IF EXISTS',
  'DROP CONSTRAINT ceiling_phone_number IF EXISTS',
];

/** The rows in chunks, written by `writers` sessions, each taking the next chunk when its last committed. */
async function timeWrites(db: GraphDatabase, statement: string, rows: Record<string, unknown>[], writers: number): Promise<number> {
  const chunks = [...chunksOf(rows)];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const session = db.driver.session({ database: db.settings.database });
      try {
        while (next < chunks.length) {
          const chunk = chunks[next++]!;
          await session.executeWrite((tx) => tx.run(statement, { rows: chunk }));
        }
      } finally {
        await session.close();
      }
    }),
  );
  return performance.now() - started;
}

/** Each statement in an auto-commit transaction of its own, as CALL … IN TRANSACTIONS needs. */
async function runEach(db: GraphDatabase, statements: string[]): Promise<void> {
  for (const statement of statements) {
    const session = db.driver.session({ database: db.settings.database });
    try {
      await session.run(statement);
    } finally {
      await session.close();
    }
  }
}

export async function measureWriteCeiling(db: GraphDatabase, log: (line: string) => void): Promise<WriteCeilingFigures> {
  const loadStart = loadAverages();
  const figures: CeilingFigure[] = [];
  // Left over from a run that was stopped: nothing of the graph's own has these labels.
  await runEach(db, CLEAN_UP);
  await runEach(db, SCHEMA);
  try {
    // The server's planner and JIT warm up on the first statements; a round of one writer
    // first and last puts both counts on a warm server at least once.
    for (const [round, writers] of [...WRITERS, WRITERS[0]!].entries()) {
      const tag = `r${round}w${writers}-`;
      for (const statement of CEILING_STATEMENTS) {
        const rows = statement.rows(tag);
        const ms = await timeWrites(db, statement.cypher, rows, writers);
        figures.push({ statement: statement.name, writes: statement.writes, loaderDoesMore: statement.loaderDoesMore, writers, rows: rows.length, ms: Math.round(ms) });
        log(`write ceiling: ${statement.name}, ${writers} writer(s): ${rows.length} rows in ${(ms / 1000).toFixed(1)} s, ${Math.round(rows.length / (ms / 1000)).toLocaleString('en-US')} rows/s`);
      }
    }
  } finally {
    await runEach(db, CLEAN_UP);
  }
  return { figures, loadStart, loadEnd: loadAverages() };
}

export type BestRate = Omit<CeilingFigure, 'rows' | 'ms'> & { rowsPerSecond: number };

/** The fastest rate each statement reached with the given writers, rows/s. */
export function bestRates(f: WriteCeilingFigures): BestRate[] {
  const best = new Map<string, BestRate>();
  for (const { rows, ms, ...figure } of f.figures) {
    const rowsPerSecond = Math.round(rows / (ms / 1000));
    const key = `${figure.statement}\u0000${figure.writers}`;
    if ((best.get(key)?.rowsPerSecond ?? -1) < rowsPerSecond) best.set(key, { ...figure, rowsPerSecond });
  }
  return [...best.values()];
}
