import { AnalysisThread } from '../../src/analysis/analysisWorker';
import { newRunId } from '../../src/analysis/runAnalysis';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { generateScenario } from '../../src/scenario/generateScenario';
import { clearGraph, openTestDatabase } from './support/testDatabase';

/**
 * The server's analysis thread is kept between runs with the last run's plan inputs, so
 * a run after new records reads only what changed; a thread that is stopped mid-run fails
 * that run, and the next run starts a new thread that keeps nothing.
 */

const { evidence } = generateScenario({ borrowers: 1_500, seed: 9 });
const request = { options: { seed: 1 }, force: true };
let db: GraphDatabase;
const thread = new AnalysisThread();
const run = () => thread.run(db.settings, request, newRunId(), { onProgress: () => {} });

/** A few newcomers giving phones already in the graph as contacts. */
const newcomers = (prefix: string) => {
  const people = evidence.phoneLinks.slice(0, 20).map((link, i) => ({ id: `${prefix}-${i}`, phone: link.phone }));
  return { borrowers: people.map(({ id }) => ({ id })), phoneLinks: people.map(({ id, phone }) => ({ borrowerId: id, phone, role: 'contact' as const })) };
};

beforeAll(async () => {
  db = await openTestDatabase();
  await clearGraph(db);
  await ingestBatch(new Neo4jIngestStore(db), evidence);
}, 60_000);
afterAll(async () => {
  await thread.close();
  await db.close();
});

describe('When the analysis thread runs one analysis after another', () => {
  test('then the first reads the plan inputs whole and the next, after new records, only what changed', async () => {
    expect((await run()).scope).toMatchObject({ mode: 'full', planInputs: 'whole' });
    await ingestBatch(new Neo4jIngestStore(db), newcomers('late'));
    expect((await run()).scope).toMatchObject({ mode: 'incremental', touchedBorrowers: 20, planInputs: 'changes' });
  }, 120_000);

  test('then a thread stopped mid-run fails that run, and the next run starts afresh, keeping nothing', async () => {
    await ingestBatch(new Neo4jIngestStore(db), newcomers('later'));
    const stopped = run();
    await thread.close();
    await expect(stopped).rejects.toThrow(/stopped unexpectedly/);
    expect((await run()).scope).toMatchObject({ mode: 'incremental', planInputs: 'whole' });
  }, 120_000);

  test('then a thread told not to keep the plan inputs reads them whole every time', async () => {
    const forgetful = new AnalysisThread(false);
    try {
      await ingestBatch(new Neo4jIngestStore(db), newcomers('latest'));
      expect((await forgetful.run(db.settings, request, newRunId(), { onProgress: () => {} })).scope).toMatchObject({ mode: 'incremental', planInputs: 'whole' });
      await ingestBatch(new Neo4jIngestStore(db), newcomers('last'));
      expect((await forgetful.run(db.settings, request, newRunId(), { onProgress: () => {} })).scope).toMatchObject({ mode: 'incremental', planInputs: 'whole' });
    } finally {
      await forgetful.close();
    }
  }, 120_000);
});
