import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { browserGuide, postConnectCommands, INSTANCES, PROJECT_ROOT } from '../../src/neo4j/localServer';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { bearer } from './support/apiKeys';
import { apiFor, openAnalysedScenario, ringsInGraph } from './support/apiScenario';

/**
 * The Neo4j Browser guide is run here step by step, as an analyst would click through
 * it, against an analysed scenario: every `:param` it sets evaluates, and every query
 * runs and finds something to show. (The browser test opens it in Neo4j Browser itself.)
 */

const GUIDE = readFileSync(join(PROJECT_ROOT, 'cypher', 'browser', 'guide.html'), 'utf8');
const STYLE = readFileSync(join(PROJECT_ROOT, 'cypher', 'browser', 'ringsight.grass'), 'utf8');

const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const runnables = [...GUIDE.matchAll(/<pre class="[^"]*\brunnable\b[^"]*">([\s\S]*?)<\/pre>/g)].map((m) => decode(m[1]!));

let db: GraphDatabase;
let app: Express;

beforeAll(async () => {
  db = await openAnalysedScenario();
  app = apiFor(db);
  const top = [...(await ringsInGraph(db)).entries()].sort((a, b) => b[1].score - a[1].score)[0]![0];
  const review = await request(app).post(`/v1/rings/${top}/reviews`).set('Authorization', bearer('investigator')).send({ verdict: 'investigating', note: 'guide test' });
  expect(review.status).toBe(201);
}, 180_000);
afterAll(() => db.close());

describe('the Neo4j Browser guide', () => {
  it('when the guide is read, then it has slides, a title for the sidebar, and runnable steps', () => {
    expect(GUIDE).toMatch(/<title>ringsight[^<]*<\/title>/);
    expect(GUIDE.match(/<slide /g)!.length).toBeGreaterThanOrEqual(6);
    expect(runnables.length).toBeGreaterThanOrEqual(12);
  });

  it('when every step is run in order, then each :param evaluates and each query returns rows', async () => {
    const params: Record<string, unknown> = {};
    const empty: string[] = [];
    for (const step of runnables) {
      if (step.startsWith(':style')) continue;
      const param = /^:param (\w+) => ([\s\S]+)$/.exec(step);
      const query = param ? `RETURN ${param[2]} AS ${param[1]}` : step;
      const { records } = await db.driver.executeQuery(query, params, { database: db.settings.database });
      if (param) params[param[1]!] = records[0]?.get(param[1]!);
      if (records.length === 0 || (param && params[param[1]!] == null)) empty.push(step.split('\n')[0]!);
    }
    expect(Object.keys(params).sort()).toEqual(['borrowerId', 'ringId']);
    expect(empty).toEqual([]);
  });

  it('when the latest run failed or is still running, then the hubs step shows the last successful run\'s', async () => {
    const hubsStep = runnables.find((step) => step.includes('TREATED_AS_HUB') && step.includes('ORDER BY run.finishedAt DESC'))!;
    expect(hubsStep).toBeDefined();
    const run = (statement: string, params: Record<string, unknown> = {}) => db.driver.executeQuery(statement, params, { database: db.settings.database });
    await run(
      `CREATE (:AnalysisRun {id: 'run-guide-failed', status: 'failed', startedAt: '2999-01-01T00:00:00.000Z', finishedAt: '2999-01-01T00:01:00.000Z'}),
              (:AnalysisRun {id: 'run-guide-running', status: 'running', startedAt: '2999-01-01T00:02:00.000Z'})`,
    );
    try {
      expect((await run(hubsStep)).records.length).toBeGreaterThan(0);
    } finally {
      await run("MATCH (run:AnalysisRun) WHERE run.id IN ['run-guide-failed', 'run-guide-running'] DELETE run");
    }
  });

  it('when a server serves the guide, then its :style step names that server\'s style', () => {
    const served = browserGuide('http://localhost:9999/neo4j-browser/ringsight.grass');
    expect(served).toContain(':style http://localhost:9999/neo4j-browser/ringsight.grass');
    expect(served).not.toContain('7474');
  });
});

describe('the Neo4j Browser style (GRASS)', () => {
  const rule = (selector: string) => new RegExp(`^${selector.replace('.', '\\.')} \\{\\n([\\s\\S]*?)\\n\\}`, 'm').exec(STYLE)?.[1] ?? '';

  it.each([
    ['node.Ring', '"{id} · {scoreLabel}"'],
    ['node.Borrower', '"{id}"'],
    ['node.Phone', '"{number}"'],
    ['node.Device', '"{id}"'],
  ])('when %s is drawn, then its caption is %s', (selector, caption) => {
    expect(rule(selector)).toContain(`caption: ${caption};`);
  });

  it('when the labels are coloured, then each has its own colour', () => {
    const colours = [...STYLE.matchAll(/^node\.(\w+) \{[^}]*?\n {2}color: (#[0-9A-F]{6});/gm)].map((m) => [m[1], m[2]]);
    expect(colours.length).toBeGreaterThanOrEqual(10);
    expect(new Set(colours.map(([, c]) => c)).size).toBe(colours.length);
  });

  it('when the project starts its own Neo4j, then Browser is told to apply the style and open the guide from that server', () => {
    expect(postConnectCommands(INSTANCES.test)).toBe('style http://localhost:7475/browser/ringsight/ringsight.grass; guide http://localhost:7475/browser/ringsight/guide.html');
  });
});

describe('the guide and style served by the API, for an analyst\'s own Neo4j', () => {
  it('when Neo4j Browser fetches them from another origin, then they are served with CORS, preflight included', async () => {
    const guide = await request(app).get('/neo4j-browser/guide.html').set('Host', 'api.example:8080');
    expect(guide.status).toBe(200);
    expect(guide.headers['access-control-allow-origin']).toBe('*');
    expect(guide.text).toContain(':style http://api.example:8080/neo4j-browser/ringsight.grass');
    const preflight = await request(app).options('/neo4j-browser/guide.html').set('Origin', 'http://localhost:7474').set('Access-Control-Request-Headers', 'pragma, cache-control, sentry-trace');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('pragma, cache-control, sentry-trace');
    const style = await request(app).get('/neo4j-browser/ringsight.grass');
    expect(style.text).toBe(STYLE);
  });
});
