import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/app';
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
