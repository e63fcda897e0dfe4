import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionMode } from 'neo4j-driver';
import type { Config } from '../config';
import { cypher, statementsOf } from './cypherFiles';
import { ensureLocalNeo4j, INSTANCES, type LocalInstance } from './localServer';

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
 * The one driver of the process, with managed transactions: their callbacks may be
 * retried by the driver, so every callback passed here must be idempotent.
 */
export class GraphDatabase {
  readonly driver: Driver;

  constructor(readonly settings: Neo4jSettings) {
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      // Fail over to a clear 503 within seconds instead of the driver's 30 s of retries.
      maxTransactionRetryTime: 5_000,
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
    });
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.inSession(neo4j.session.READ, (session) => session.executeRead(work));
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.inSession(neo4j.session.WRITE, (session) => session.executeWrite(work));
  }

  private async inSession<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.settings.database, defaultAccessMode: mode });
    try {
      return await use(session);
    } finally {
      await session.close();
    }
  }

  /** Applies cypher/schema.cypher; every statement there is idempotent (IF NOT EXISTS). */
  async applySchema(): Promise<void> {
    for (const statement of statementsOf(cypher('schema'))) {
      await this.driver.executeQuery(statement, {}, { database: this.settings.database });
    }
    await this.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: this.settings.database });
  }

  async ping(): Promise<void> {
    await this.driver.executeQuery('RETURN 1', {}, { database: this.settings.database });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/** True for errors that mean "the database cannot be reached right now". */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError.General.DatabaseUnavailable');
}
