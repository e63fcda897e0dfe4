import { ensureLocalNeo4j, INSTANCES } from '../../src/neo4j/localServer';

/**
 * Integration tests run against a real Neo4j: the one at NEO4J_TEST_URI when given, else
 * the project's own `test` instance (ports 7688/7475), started here if needed. The tests
 * wipe the database they use, which is why they never take NEO4J_URI.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_TEST_URI) {
    process.env.NEO4J_TEST_URI_GIVEN = '1';
    return;
  }
  const server = await ensureLocalNeo4j(INSTANCES.test, (line) => process.stderr.write(`${line}\n`));
  process.env.NEO4J_TEST_URI = server.uri;
  process.env.NEO4J_TEST_USER = server.user;
  process.env.NEO4J_TEST_PASSWORD = server.password;
}
