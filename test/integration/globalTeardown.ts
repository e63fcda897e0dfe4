import { INSTANCES, stopLocalNeo4j } from '../../src/neo4j/localServer';

/**
 * On CI the test Neo4j (and the import test's own instance) are stopped after the run; on a
 * developer's machine they keep running, so the next run starts in a second instead of twenty.
 */
export default async function globalTeardown(): Promise<void> {
  if (!process.env.CI) return;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!process.env.NEO4J_TEST_URI_GIVEN) await stopLocalNeo4j(INSTANCES.test, log);
  await stopLocalNeo4j(INSTANCES.importtest, log);
}
