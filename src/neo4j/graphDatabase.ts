import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionMode } from 'neo4j-driver';
import type { Config } from '../config';
import { cypher, statementsOf } from './cypherFiles';
import { ensureLocalNeo4j, INSTANCES, type LocalInstance } from './localServer';
import { classifyFailure, DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retryPolicy';

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/**
 * Where to connect: the server named by NEO4J_URI, or else one of the project's local
 * Neo4j instances (by default `local`), started if it is not running.
 */
export async function resolveNeo4jSettings(
  config: Config,
  log?: (line: string) => void,
  localInstance: LocalInstance = INSTANCES.local,
): Promise<Neo4jSettings> {
  if (config.NEO4J_URI) {
    if (!config.NEO4J_PASSWORD) throw new Error('NEO4J_PASSWORD must be set with NEO4J_URI');
    return { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
  }
  const local = await ensureLocalNeo4j(localInstance, log);
  return { uri: local.uri, user: local.user, password: local.password, database: config.NEO4J_DATABASE };
}

/**
 * The one driver of the process, with managed transactions retried by our own policy
 * (retryPolicy.ts): their callbacks may run more than once, so every callback passed
 * here must be idempotent.
 */
export class GraphDatabase {
  readonly driver: Driver;

  /** `driver`: another GraphDatabase's, shared (rolledBackDatabase.ts); by default one of its own. */
  constructor(
    readonly settings: Neo4jSettings,
    readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
    driver?: Driver,
  ) {
    this.driver =
      driver ??
      neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
        // Retries are ours (withRetries), with separate budgets for a busy and an absent server;
        // the driver's single budget would either give up on deadlocks or hang during outages.
        maxTransactionRetryTime: 0,
        connectionTimeout: 3_000,
        connectionAcquisitionTimeout: 5_000,
      });
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return withRetries(() => this.inSession(neo4j.session.READ, (session) => session.executeRead(work)), this.retryPolicy);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return withRetries(() => this.inSession(neo4j.session.WRITE, (session) => session.executeWrite(work)), this.retryPolicy);
  }

  protected async inSession<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.settings.database, defaultAccessMode: mode });
    try {
      return await use(session);
    } finally {
      await session.close();
    }
  }

  /**
   * Applies cypher/schema.cypher; every statement there is idempotent (IF NOT EXISTS).
   * `lanes` labels' statements run at once: on a freshly imported graph each constraint
   * first indexes every node of its label, and two at a time use both cores (at 5,000,000
   * borrowers 50.9 s against 69.8 s one at a time). A lane runs one label's statements
   * one after another (schemaByLabel), each retried as every write is.
   */
  async applySchema(options: { lanes?: number } = {}): Promise<void> {
    const queue = schemaByLabel(statementsOf(cypher('schema')));
    const lane = async () => {
      for (let statements = queue.shift(); statements !== undefined; statements = queue.shift()) {
        for (const statement of statements) await withRetries(() => this.driver.executeQuery(statement, {}, { database: this.settings.database }), this.retryPolicy);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? 1) }, lane));
    await this.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: this.settings.database });
  }

  async ping(): Promise<void> {
    await this.driver.executeQuery('RETURN 1', {}, { database: this.settings.database });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/**
 * Schema statements grouped by the label they are on, in the order given. Two statements
 * on one label at once can deadlock: each takes the label's lock shared, then waits to
 * take it whole while the other holds it (seen creating an Alert constraint beside an
 * Alert index after an import). Statements on different labels do not meet.
 */
export function schemaByLabel(statements: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const statement of statements) {
    const label = /\bFOR\s*\(\s*\w*\s*:\s*`?(\w+)/i.exec(statement)?.[1] ?? statement;
    const group = groups.get(label);
    if (group) group.push(statement);
    else groups.set(label, [statement]);
  }
  return [...groups.values()];
}

/** True for errors that mean "the database cannot be reached right now". */
export const isUnavailable = (error: unknown): boolean => classifyFailure(error) === 'unavailable';

/** True for errors of a reachable but contended database (deadlocks, lock timeouts) that outlasted the retry budget. */
export const isBusy = (error: unknown): boolean => classifyFailure(error) === 'busy';
