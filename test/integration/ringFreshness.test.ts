import type { Express } from 'express';
import request from 'supertest';
import { ingestBatch } from '../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { bearer } from './support/apiKeys';
import { apiFor, openAnalysedScenario, ringsInGraph } from './support/apiScenario';
import { Neo4jIngestStore } from '../../src/neo4j/ingestStore';

/**
 * A ring's page is cached between reads, and everything it shows can change without a new
 * analysis: a member's overdue days, principal or name, a new complaint or call. Each read
 * must show what the graph holds, on the page and in the evidence pack alike.
 */

let db: GraphDatabase;
let app: Express;
let ringId: string;
let member: string;

beforeAll(async () => {
  db = await openAnalysedScenario();
  app = apiFor(db);
  const [id, ring] = [...(await ringsInGraph(db)).entries()].sort((a, b) => b[1].score - a[1].score)[0]!;
  ringId = id;
  member = ring.members[0]!;
}, 180_000);
afterAll(() => db.close());

const page = (path: string) => request(app).get(path).set('Authorization', bearer('investigator'));
const memberOf = (body: { members: { borrowerId: string; overdueDays: number | null; name: string | null }[] }) => body.members.find((m) => m.borrowerId === member)!;

describe('When a ring member changes after the ring page was read', () => {
  test('then the next read of the page and of the evidence pack shows the change', async () => {
    const before = (await page(`/v1/rings/${ringId}`)).body;
    expect((await page(`/v1/rings/${ringId}/evidence`)).status).toBe(200);
    expect(memberOf(before).overdueDays).not.toBe(999);

    await ingestBatch(new Neo4jIngestStore(db), {
      borrowers: [{ id: member, overdueDays: 999, name: '改名测试' }],
      complaintChannels: [{ id: 'ch-fresh', kind: 'regulator' }],
      complaints: [{ id: 'cmp-fresh-1', borrowerId: member, channelId: 'ch-fresh', filedAt: '2024-12-30T10:00:00Z', text: '新的投诉' }],
    });

    const after = (await page(`/v1/rings/${ringId}`)).body;
    expect(memberOf(after)).toMatchObject({ overdueDays: 999, name: '改名测试' });
    expect(after.timeline.map((e: { id: string }) => e.id)).toContain('cmp-fresh-1');
    expect(after.timelineTotal).toBe(before.timelineTotal + 1);
    const pack = (await page(`/v1/rings/${ringId}/evidence`)).body;
    expect(memberOf(pack)).toMatchObject({ overdueDays: 999, name: '改名测试' });
    expect(pack.timeline.map((e: { id: string }) => e.id)).toContain('cmp-fresh-1');
  });
});
