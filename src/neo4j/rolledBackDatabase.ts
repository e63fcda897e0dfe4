import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { GraphDatabase } from './graphDatabase';
import { withRetries } from './retryPolicy';

/** A statement with its parameters. */
export interface Statement {
  text: string;
  params: Record<string, unknown>;
}

/**
 * A database on which every write transaction is rolled back once its work is done; reads
 * are the database's own. Code written against GraphDatabase runs on it unchanged, each of
 * its transactions as it would run, and changes nothing (dayRehearsal.ts).
 *
 * Transaction by transaction, on purpose: Neo4j keys a plan on whether the transaction
 * running the statement already holds changes, so a rehearsal that ran a day in one
 * transaction made plans a real day did not find (the day after it still made 39–41).
 */
export class RolledBackDatabase extends GraphDatabase {
  private prelude: Statement | null = null;

  /** Shares `of`'s driver and retry policy; closing it leaves that driver open. */
  constructor(of: GraphDatabase) {
    super(of.settings, of.retryPolicy, of.driver);
  }

  override write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const prelude = this.prelude;
    this.prelude = null;
    return withRetries(
      () =>
        this.inSession(neo4j.session.WRITE, async (session) => {
          const tx = session.beginTransaction();
          try {
            if (prelude) await tx.run(prelude.text, prelude.params);
            return await work(tx as unknown as ManagedTransaction);
          } finally {
            await tx.rollback();
          }
        }),
      this.retryPolicy,
    );
  }

  /**
   * A statement the next write transaction runs before its work, as what an earlier
   * transaction would have committed. Its first statement then runs on a transaction
   * holding changes, unlike the real one: only for transactions whose first statement
   * writes anyway.
   */
  beforeNextWrite(statement: Statement): void {
    this.prelude = statement;
  }

  override close(): Promise<void> {
    return Promise.resolve();
  }
}
