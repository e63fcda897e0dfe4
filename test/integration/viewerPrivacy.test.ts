import type { Express } from 'express';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';
import { analyse } from './support/analyse';
import { apiFor } from './support/apiScenario';
import { openTestDatabase } from './support/testDatabase';
import { personalValues, readAs, scanPages } from './support/personalValues';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

/**
 * A viewer reads everything the API serves a viewer and sees no personal value of the
 * scenario: no name, no phone number in any of the forms the records hold, no id hash.
 * The field scenario writes names and phone numbers into complaint texts too, so free
 * text is covered. An investigator reading the same pages sees them, which shows the scan
 * looks where personal data would be.
 */

let db: GraphDatabase;
let app: Express;
let personal = new Set<string>();
const scenario = generateScenario(profileParams('field', 2500, 4));
const read = (role: 'viewer' | 'investigator', path: string) => readAs(app, role, path);

/** Every GET a viewer may make, with real ids: rings of both kinds with their pages, members, graphs and packs; members, tools and searches. */
async function viewerPaths(): Promise<string[]> {
  const paths = ['/v1/rings?limit=100', '/v1/rings?kind=sharedOperator&limit=100'];
  const ringIds: string[] = [];
  for (const list of paths) ringIds.push(...JSON.parse(await read('investigator', list)).rings.map((r: { id: string }) => r.id));
  for (const id of ringIds.slice(0, 40)) {
    const e = encodeURIComponent(id);
    paths.push(`/v1/rings/${e}`, `/v1/rings/${e}/members?limit=100`, `/v1/rings/${e}/graph`, `/v1/rings/${e}/evidence`, `/v1/rings/${e}/evidence?format=html`);
  }
  const top = JSON.parse(await read('investigator', `/v1/rings/${encodeURIComponent(ringIds[0]!)}`));
  for (const m of top.members.slice(0, 10)) paths.push(`/v1/borrowers/${encodeURIComponent(m.borrowerId)}`, `/v1/search?q=${encodeURIComponent(m.borrowerId)}`);
  for (const t of top.tools) {
    if (t.kind === 'phone') paths.push(`/v1/phones/${encodeURIComponent(t.id)}`, `/v1/search?q=${encodeURIComponent(t.id)}`);
    if (t.kind === 'device') paths.push(`/v1/devices/${encodeURIComponent(t.id)}`);
  }
  return paths;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await ingestBatch(new Neo4jIngestStore(db), scenario.evidence);
  await analyse(db);
  app = apiFor(db);
  personal = personalValues(scenario.evidence);
}, 240_000);
afterAll(() => db.close());

describe('When a viewer reads every page the API serves a viewer', () => {
  test('then no name, phone number or id hash of the scenario appears in any of them, while an investigator sees them', async () => {
    const paths = await viewerPaths();
    expect(paths.length).toBeGreaterThan(100);
    expect(personal.size).toBeGreaterThan(5000);
    const { leaks, investigatorSaw } = await scanPages(app, personal, paths);
    expect(leaks).toEqual([]);
    expect(investigatorSaw).toBeGreaterThan(100);
  }, 300_000);
});
