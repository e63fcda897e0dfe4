import { spawnSync } from 'node:child_process';

/** The marker in the names of tests that need Graph Data Science; scripts/test.mjs counts the skipped ones. */
export const GDS_TEST_TAG = '[GDS]';

export type GdsOnTestServer = { available: true; version: string } | { available: false; reason: string };

/**
 * Whether the test Neo4j has Graph Data Science, known when the test file is loaded (jest
 * decides then which tests run; it cannot skip one from inside). The global set-up has
 * started the server by then; a child process asks it synchronously for gds.version().
 */
export function gdsOnTestServer(): GdsOnTestServer {
  const uri = process.env.NEO4J_TEST_URI;
  if (!uri) return { available: false, reason: 'NEO4J_TEST_URI is not set' };
  const probe = `
    const neo4j = require('neo4j-driver');
    const driver = neo4j.driver(process.env.NEO4J_TEST_URI, neo4j.auth.basic(process.env.NEO4J_TEST_USER || 'neo4j', process.env.NEO4J_TEST_PASSWORD || ''));
    driver.executeQuery('RETURN gds.version() AS v', {}, { database: process.env.NEO4J_TEST_DATABASE || 'neo4j' })
      .then((r) => console.log(JSON.stringify({ available: true, version: r.records[0].get('v') })))
      .catch((e) => console.log(JSON.stringify({ available: false, reason: e.message.split('\\n')[0] })))
      .finally(() => driver.close());`;
  const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 30_000 });
  try {
    const answer = JSON.parse(run.stdout.trim()) as GdsOnTestServer;
    return answer.available ? answer : { available: false, reason: `the test Neo4j at ${uri} has no Graph Data Science (${answer.reason}); RINGSIGHT_GDS=1 npm test starts it with GDS` };
  } catch {
    return { available: false, reason: `the test Neo4j at ${uri} could not be asked about Graph Data Science: ${run.stderr.trim().slice(0, 200)}` };
  }
}
