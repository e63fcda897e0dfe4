import type { Express } from 'express';
import request from 'supertest';
import { analyse } from './analyse';
import { createApp, type AppDependencies } from '../../../src/http/app';
import { ingestBatch } from '../../../src/ingest/ingestBatch';
import type { GraphDatabase } from '../../../src/neo4j/graphDatabase';
import { generateScenario } from '../../../src/scenario/generateScenario';
import { KEYS, TEST_API_KEYS, bearer } from './apiKeys';
import { openTestDatabase } from './testDatabase';
import { Neo4jIngestStore } from '../../../src/neo4j/ingestStore';

/** A small generated case (a few gangs among 2,500 borrowers), loaded and analysed once per test file. */
export async function openAnalysedScenario(): Promise<GraphDatabase> {
  const db = await openTestDatabase();
  await ingestBatch(new Neo4jIngestStore(db), generateScenario({ borrowers: 2500, seed: 3 }).evidence);
  await analyse(db);
  return db;
}

export const apiFor = (db: GraphDatabase, extra: Partial<AppDependencies> = {}): Express => createApp({ db, apiKeys: TEST_API_KEYS, ...extra });

/** GET as a role (or without a key when role is null). */
export const getAs = (app: Express, role: keyof typeof KEYS | null, path: string) => {
  const req = request(app).get(path);
  return role ? req.set('Authorization', bearer(role)) : req;
};

/** The rings the analysis wrote, with members, straight from the graph: the reference the API is checked against. */
export async function ringsInGraph(db: GraphDatabase): Promise<Map<string, { score: number; members: string[] }>> {
  const { records } = await db.driver.executeQuery(
    'MATCH (b:Borrower)-[:MEMBER_OF]->(r:Ring) WITH r, b ORDER BY b.id RETURN r.id AS id, r.score AS score, collect(b.id) AS members',
    {},
    { database: db.settings.database },
  );
  return new Map(records.map((r) => [r.get('id') as string, { score: r.get('score') as number, members: r.get('members') as string[] }]));
}
