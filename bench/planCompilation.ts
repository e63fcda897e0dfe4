import neo4j from 'neo4j-driver';
import type { GraphDatabase } from '../src/neo4j/graphDatabase';
import { toNumber } from '../src/neo4j/values';

/**
 * Neo4j's time compiling query plans, from its query collector (`db.stats`, in every
 * edition, for admins). Neo4j caches a statement's plan per text and per parameter types,
 * lists and strings by their size rounded up to a power of ten, so a day pays for plans
 * its statements have not had yet: on the first day a database runs them, or when a list
 * (a batch's rows, the touched borrowers) crosses a power of ten. A day whose plans are
 * all cached spends tens of milliseconds here.
 */
export interface Invocation {
  /** Epoch milliseconds the statement started. */
  at: number;
  compileMs: number;
}

export interface Compilation {
  /** Neo4j's compile time summed over the window's statements; statements side by side each count. */
  ms: number;
  /** Statements whose compile took over PLANNED_ABOVE_MS: planned rather than found in the cache. */
  planned: number;
}

/** A day's compilation as a report's cell: milliseconds / plans made, or a dash when unmeasured. */
export const compilationCell = (c: Compilation | null): string => (c ? `${c.ms.toLocaleString('en-US')} / ${c.planned.toLocaleString('en-US')}` : '–');

/** A cached plan is found in well under a millisecond; a plan made takes 5 to 300 ms. */
export const PLANNED_ABOVE_MS = 2;

/** The compilation of the statements that started from `from` to `to` (epoch ms, inclusive). */
export function compilationWithin(invocations: readonly Invocation[], from: number, to: number): Compilation {
  let ms = 0;
  let planned = 0;
  for (const i of invocations) {
    if (i.at < from || i.at > to) continue;
    ms += i.compileMs;
    if (i.compileMs > PLANNED_ABOVE_MS) planned++;
  }
  return { ms: Math.round(ms), planned };
}

export interface CompilationWatch {
  /** The compilation between two instants (epoch ms), or null when the collector is unavailable. */
  within(from: number, to: number): Promise<Compilation | null>;
  /** Why the collector is unavailable, or null. */
  readonly unavailable: string | null;
  stop(): Promise<void>;
}

const COLLECT_SECONDS = 3_600;
/** The collector keeps this many invocations of each statement (its default, 100, drops most of a day's batches). */
const MAX_INVOCATIONS = 100_000;

/** Starts the collector afresh; a user without the admin role gets a watch that says why. */
export async function watchCompilation(db: GraphDatabase): Promise<CompilationWatch> {
  const run = async (statement: string, params: Record<string, unknown> = {}) =>
    (await db.driver.executeQuery(statement, params, { database: db.settings.database })).records;
  try {
    await run(`CALL db.stats.stop('QUERIES')`);
    await run(`CALL db.stats.clear('QUERIES')`);
    await run(`CALL db.stats.collect('QUERIES', {durationSeconds: $seconds, maxInvocations: $max})`, { seconds: neo4j.int(COLLECT_SECONDS), max: neo4j.int(MAX_INVOCATIONS) });
  } catch (error) {
    const unavailable = `the query collector is unavailable (${(error as Error).message.split('\n')[0]})`;
    return { unavailable, within: async () => null, stop: async () => {} };
  }
  return {
    unavailable: null,
    async within(from, to) {
      const records = await run(
        `CALL db.stats.retrieve('QUERIES') YIELD data
         UNWIND data.invocations AS i
         RETURN i.startTimestampMillis AS at, i.elapsedCompileTimeInUs AS us`,
      );
      return compilationWithin(records.map((r) => ({ at: toNumber(r.get('at')), compileMs: toNumber(r.get('us')) / 1000 })), from, to);
    },
    async stop() {
      await run(`CALL db.stats.stop('QUERIES')`);
      await run(`CALL db.stats.clear('QUERIES')`);
    },
  };
}
