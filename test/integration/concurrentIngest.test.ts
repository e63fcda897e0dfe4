import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { IngestStore } from '../../src/ingest/ports';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';
import { mulberry32 } from '../../src/random/mulberry32';
import { countGraph } from '../../src/neo4j/graphCounts';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { clearGraph, openTestDatabase } from './support/testDatabase';

let db: GraphDatabase;
let app: Express;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createApp({ db, apiKeys: TEST_API_KEYS });
});
afterAll(() => db.close());

/** A phone per index that libphonenumber takes as a valid Chinese mobile. */
const phone = (i: number) => `+86138000000${String(i).padStart(2, '0')}`;

/**
 * Overlapping batches as an operator's parallel loader sends them: every batch touches
 * the same 20 phones and 10 devices, and most borrowers appear in several batches.
 */
function overlappingBatch(seed: number) {
  const random = mulberry32(seed);
  const ids = new Set<number>();
  while (ids.size < 500) ids.add(Math.floor(random() * 600));
  const borrowers = [...ids].map((i) => ({ id: `cb${i}`, overdueDays: i % 90 }));
  return {
    borrowers,
    phoneLinks: borrowers.map((b, k) => ({ borrowerId: b.id, phone: phone((k * 7 + seed) % 20) })),
    deviceLinks: borrowers.map((b, k) => ({ borrowerId: b.id, deviceId: `cd${(k * 3 + seed) % 10}` })),
  };
}

describe('overlapping concurrent ingests', () => {
  it('when 20 batches sharing 20 phones and 10 devices are posted at once, then all succeed and the graph holds their union', async () => {
    await clearGraph(db);
    const batches = Array.from({ length: 20 }, (_, i) => overlappingBatch(i + 1));
    const answers = await Promise.all(batches.map((batch) => request(app).post('/v1/ingest').set('Authorization', bearer('admin')).send(batch)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));

    const borrowers = new Set(batches.flatMap((b) => b.borrowers.map((x) => x.id)));
    const phoneLinks = new Set(batches.flatMap((b) => b.phoneLinks.map((l) => `${l.borrowerId}|${l.phone}`)));
    const deviceLinks = new Set(batches.flatMap((b) => b.deviceLinks.map((l) => `${l.borrowerId}|${l.deviceId}`)));
    const counts = await countGraph(db);
    expect(counts.nodes).toMatchObject({ Borrower: borrowers.size, Phone: 20, Device: 10 });
    expect(counts.relationships).toMatchObject({ HAS_PHONE: phoneLinks.size, USED_DEVICE: deviceLinks.size });
  }, 120_000);
});

describe('a borrower created while a batch that names them is written', () => {
  it('when another client creates the borrower between the link\'s write and its check, then the creation waits for the batch, which is refused whole', async () => {
    await clearGraph(db);
    // The batch writes first and looks up missing ids only when a record matched nothing.
    // That is safe only if nobody can create the borrower in between: the link's statement
    // seeks the borrower's unique key with a lock that holds until its transaction ends.
    const events: string[] = [];
    let creation: Promise<unknown> | null = null;
    const real = new Neo4jIngestStore(db);
    const racing: IngestStore = {
      read: (work) => real.read(work),
      write: (work) =>
        real.write((tx) =>
          work({
            ...tx,
            missingIds: async (wanted) => {
              creation ??= db.driver.executeQuery("CREATE (:Borrower {id: 'late'})").then(() => events.push('created'));
              await new Promise((resolve) => setTimeout(resolve, 1_000));
              events.push('looked up');
              return tx.missingIds(wanted);
            },
          }),
        ),
    };
    const refused = await ingestBatch(racing, { phoneLinks: [{ borrowerId: 'late', phone: phone(1) }] }).catch((error: unknown) => error);
    events.push('refused');
    await creation;
    expect(events).toEqual(['looked up', 'refused', 'created']);
    expect(refused).toMatchObject({ status: 400, code: 'unknown_reference', details: [{ path: 'phoneLinks[0].borrowerId', message: 'unknown borrower "late"' }] });
    const counts = await countGraph(db);
    expect(counts.nodes).toMatchObject({ Borrower: 1, Phone: 0 });
    expect(counts.relationships).toMatchObject({ HAS_PHONE: 0 });
  }, 60_000);
});
