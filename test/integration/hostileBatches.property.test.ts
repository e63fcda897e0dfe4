import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { IngestBatchSchema, RECORD_KINDS, type IngestBatchInput } from '../../src/contract/ingestBatch';
import { createApp } from '../../src/http/app';
import { BulkLoadError, bulkLoad } from '../../src/ingest/bulkLoad';
import { countGraph } from '../../src/neo4j/graphCounts';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { TEST_API_KEYS, bearer } from './support/apiKeys';
import { clearGraph, openTestDatabase } from './support/testDatabase';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

/**
 * Batches shaped like the contract, filled with hostile values: date-times at and past
 * Neo4j's limits, lone surrogates, invisible and combining characters, huge and negative
 * numbers, long strings, repeated keys. The property: each batch is either written (and
 * every borrower id it names is one node) or refused with a 4xx, never a 5xx; and the
 * bulk loader either loads it or reports problems before writing anything.
 *
 * FC_RUNS and FC_SEED reproduce or widen a run: FC_SEED=<seed printed on failure>.
 */
const RUNS = Number(process.env.FC_RUNS ?? 200);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

/** Mostly well-formed, so many batches are written; one hostile value in a field is enough to test the boundary. */
const mostly = <T, H>(good: fc.Arbitrary<T>, hostile: fc.Arbitrary<H>) => fc.oneof({ weight: 19, arbitrary: good }, { weight: 1, arbitrary: hostile });

const nasty = fc.constantFrom('\ud800', '\udfff', '\u200b', '\u200f', '\ufeff', '\u0000', '\t', '\n', '\u00a0', 'e\u0301', '\u00e9', '中', '\u{1F600}', ' ', '%', '"', '\\', '\u2028', '\ue000', '\uffff');
const text = (max: number) =>
  fc.oneof(
    { weight: 30, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: nasty, maxLength: 6 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: max - 2, max: max + 2 }).chain((n) => fc.constantFrom('a', '中', '\u{20000}').map((c) => c.repeat(Math.max(1, n)))) },
  );
const id = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('b1', 'b2', 'b3', ' b1', 'b1\u200b', 'Jos\u00e9', 'Jose\u0301') }, { weight: 2, arbitrary: text(200) });

const two = (n: number) => String(n).padStart(2, '0');
const dateTime = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }),
    offset: fc.oneof(fc.constant('Z'), fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map((o) => `${o.sign}${two(o.h)}:${two(o.m)}`)),
  })
  .map((d) => `${String(d.year).padStart(4, '0')}-${two(d.month)}-${two(d.day)}T${two(d.hour)}:${two(d.minute)}:${two(d.second)}${d.fraction ? `.${d.fraction}` : ''}${d.offset}`);
const number = mostly(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(-0, 1e308, 5e-324, Number.MAX_SAFE_INTEGER)), fc.oneof(fc.integer({ min: -5, max: -1 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(2 ** 53, 2 ** 53 + 2)));
const phone = mostly(fc.constantFrom('13800000000', '+8613900000000', '138 0000 0000', '+14155552671', '010-12345678'), fc.oneof(text(40), fc.constant('12000000000')));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const ref = mostly(fc.constantFrom('b1', 'b2', 'b3', ' b2 ', 'Jose\u0301'), id);
// Date-times are where the database once disagreed with validation, so they are hostile more often.
const date = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('2024-01-01T00:00:00Z', '2024-02-29T23:59:59.123456789+08:00', '2024-06-01T12:00:00-18:00') }, { weight: 1, arbitrary: dateTime });
const looseDate = fc.oneof(date, dateTime);

const batch: fc.Arbitrary<IngestBatchInput> = fc
  .record({
    extraBorrowers: fc.array(fc.record({ id: mostly(fc.constantFrom('b4', 'b5', ' b6', 'Jose\u0301'), id), name: opt(text(1000)), idNumberHash: opt(text(200)), registeredAt: opt(looseDate), overdueDays: opt(number), outstandingPrincipal: opt(number) }, { requiredKeys: ['id'] }), { maxLength: 3 }),
    adSources: fc.array(fc.record({ id: fc.constant('ad1'), kind: opt(fc.constantFrom('street_flyer', 'chat_group')), label: opt(text(20_000)) }, { requiredKeys: ['id'] }), { maxLength: 1 }),
    phoneLinks: fc.array(fc.record({ borrowerId: ref, phone, role: opt(fc.constantFrom('registered', 'contact')) }, { requiredKeys: ['borrowerId', 'phone'] }), { maxLength: 3 }),
    deviceLinks: fc.array(fc.record({ borrowerId: ref, deviceId: mostly(fc.constantFrom('d1', 'd2'), id), seenAt: opt(date) }, { requiredKeys: ['borrowerId', 'deviceId'] }), { maxLength: 3 }),
    recruitments: fc.array(fc.record({ borrowerId: ref, adSourceId: fc.constant('ad0'), at: opt(date) }, { requiredKeys: ['borrowerId', 'adSourceId'] }), { maxLength: 2 }),
    complaints: fc.array(
      fc.record({ id: fc.constantFrom('c1', 'c2'), borrowerId: ref, channelId: fc.constantFrom('ch1', 'ch2'), filedAt: opt(date), phone: opt(phone), deviceId: opt(mostly(fc.constant('d1'), id)), claim: opt(text(200)), text: opt(text(20_000)) }, { requiredKeys: ['id', 'borrowerId', 'channelId'] }),
      { maxLength: 2 },
    ),
    calls: fc.array(
      fc.record({ id: fc.constantFrom('k1', 'k2'), borrowerId: ref, phone: opt(phone), at: opt(date), voiceprintId: opt(mostly(fc.constant('v1'), id)), voiceMatch: opt(fc.boolean()), identityVerified: opt(fc.boolean()) }, { requiredKeys: ['id', 'borrowerId'] }),
      { maxLength: 2 },
    ),
  })
  .map(({ extraBorrowers, adSources, ...rest }) => ({
    // The borrowers, ad source and channels most records point at are always there.
    borrowers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }, { id: 'Jos\u00e9' }, ...extraBorrowers],
    adSources: [{ id: 'ad0' }, ...adSources],
    complaintChannels: [{ id: 'ch1' }, { id: 'ch2', kind: 'regulator' as const }],
    ...rest,
  })) as fc.Arbitrary<IngestBatchInput>;

let db: GraphDatabase;
let app: Express;
beforeAll(async () => {
  db = await openTestDatabase();
  app = createApp({ db, apiKeys: TEST_API_KEYS });
});
afterAll(() => db.close());

async function borrowerNodes(ids: string[]): Promise<number> {
  const { records } = await db.driver.executeQuery('MATCH (b:Borrower) WHERE b.id IN $ids RETURN count(b) AS n', { ids }, { database: db.settings.database });
  return records[0]!.get('n').toNumber();
}
const distinctBorrowerIds = (input: IngestBatchInput): string[] => [...new Set(IngestBatchSchema.parse(input).borrowers!.map((b) => b.id))];

describe('hostile batches (property-based)', () => {
  const outcomes = { api: new Map<number, number>(), loader: { loaded: 0, refused: 0 } };
  afterAll(() => {
    // The figures the run produced, so a change that rejects everything does not pass unnoticed.
    console.log(`hostile batches: API statuses ${JSON.stringify(Object.fromEntries(outcomes.api))}; loader ${JSON.stringify(outcomes.loader)}`);
  });

  it('when a hostile batch is posted, then it is written with one node per borrower id, or refused with a 4xx; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (input) => {
        await clearGraph(db);
        const res = await request(app).post('/v1/ingest').set('Authorization', bearer('admin')).send(input);
        outcomes.api.set(res.status, (outcomes.api.get(res.status) ?? 0) + 1);
        if (process.env.FC_DEBUG && res.status >= 400) console.log(res.body.error.code, JSON.stringify(res.body.error.details.slice(0, 2)).slice(0, 200));
        expect(res.status).toBeLessThan(500);
        expect(res.body.error?.details?.length ?? 0).toBeLessThanOrEqual(100);
        if (res.status === 200) {
          const ids = distinctBorrowerIds(input);
          expect(await borrowerNodes(ids)).toBe(ids.length);
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.body.error.code).toEqual(expect.any(String));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(outcomes.api.get(200) ?? 0).toBeGreaterThan(RUNS / 10);
  }, 300_000);

  it('when a hostile batch is bulk loaded, then it loads, or problems are reported and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (input) => {
        await clearGraph(db);
        const folder = mkdtempSync(join(tmpdir(), 'ringsight-fc-'));
        try {
          for (const kind of RECORD_KINDS) {
            const records = input[kind] as object[] | undefined;
            if (records?.length) writeFileSync(join(folder, `${kind}.ndjson`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
          }
          const outcome = await bulkLoad(new Neo4jIngestStore(db), folder).then(
            () => 'loaded' as const,
            (error: unknown) => {
              if (error instanceof BulkLoadError) return 'refused' as const;
              throw error;
            },
          );
          outcomes.loader[outcome]++;
          if (outcome === 'loaded') {
            const ids = distinctBorrowerIds(input);
            expect(await borrowerNodes(ids)).toBe(ids.length);
          } else {
            const counts = await countGraph(db);
            expect(Object.values(counts.nodes).reduce((a, b) => a + b, 0)).toBe(0);
          }
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
    expect(outcomes.loader.loaded).toBeGreaterThan(0);
  }, 300_000);
});
