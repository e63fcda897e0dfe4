import { INSTANCES, stopLocalNeo4j } from '../../src/neo4j/localServer';

/**
 * On CI the test Neo4j is stopped after the run; on a developer's machine it keeps running,
 * so the next run starts in a second instead of twenty.
 */
export default async function globalTeardown(): Promise<void> {
  if (process.env.CI && !process.env.NEO4J_TEST_URI_GIVEN) await stopLocalNeo4j(INSTANCES.test, (line) => process.stderr.write(`${line}\n`));
}
