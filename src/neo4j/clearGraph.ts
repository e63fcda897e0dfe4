import type { GraphDatabase } from './graphDatabase';

/**
 * Deletes every node and relationship, in batches so a large graph does not need one huge
 * transaction. Auto-commit, because CALL { } IN TRANSACTIONS is not allowed inside a
 * managed transaction. Only for the project's own local database and the tests.
 */
export async function clearGraph(db: GraphDatabase): Promise<void> {
  const session = db.driver.session({ database: db.settings.database });
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
