import { GraphDatabase } from '../../../src/neo4j/graphDatabase';
import { clearGraph } from '../../../src/neo4j/clearGraph';

export { clearGraph };

/** The test database, schema applied and emptied, ready for one test file. */
export async function openTestDatabase(): Promise<GraphDatabase> {
  const uri = process.env.NEO4J_TEST_URI;
  if (!uri) throw new Error('NEO4J_TEST_URI is not set: run the tests through jest so the global set-up starts Neo4j');
  const db = new GraphDatabase({
    uri,
    user: process.env.NEO4J_TEST_USER ?? 'neo4j',
    password: process.env.NEO4J_TEST_PASSWORD ?? '',
    database: process.env.NEO4J_TEST_DATABASE ?? 'neo4j',
  });
  await db.applySchema();
  await clearGraph(db);
  return db;
}
