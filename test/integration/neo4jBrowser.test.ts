import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { apiFor, openAnalysedScenario, ringsInGraph } from './support/apiScenario';
import { describeInChromium, launchChromium, screenshot, waitUntil, type Chromium } from './support/chromium';

/**
 * Neo4j Browser, served by the test Neo4j, in headless Chromium: on connecting, the
 * project's guide opens in the sidebar and its style applies, so a ring drawn from the
 * guide's own steps is dark and captioned with its id and score, and a borrower is red.
 * The Browser's address comes from the server's own post-connect setting (or
 * NEO4J_TEST_BROWSER_URL), never from a port written here.
 */

let db: GraphDatabase;
let browser: Chromium | null = null;
let browserUrl: string;
let topRing: string;

async function postConnectCommand(database: GraphDatabase): Promise<string> {
  const { records } = await database.driver.executeQuery("SHOW SETTINGS YIELD name, value WHERE name = 'browser.post_connect_cmd' RETURN value", {}, { database: 'system' });
  return (records[0]?.get('value') as string | undefined) ?? '';
}

/** Connects with the test server's credentials, as an analyst would fill the form. */
async function connect(page: Page): Promise<void> {
  await page.goto(browserUrl);
  await page.getByTestId('boltaddress').fill(process.env.NEO4J_TEST_URI!.replace('127.0.0.1', 'localhost'));
  await page.getByTestId('username').fill(process.env.NEO4J_TEST_USER ?? 'neo4j');
  await page.getByTestId('password').fill(process.env.NEO4J_TEST_PASSWORD ?? '');
  await page.getByTestId('connect').click();
}

/** Clicks a step of the guide (which puts it in the editor) and runs it; resolves with the frame it opened. */
async function runStep(page: Page, drawer: Locator, text: string): Promise<Locator> {
  const frames = page.getByTestId('frame');
  const before = await frames.count();
  await drawer.locator('pre.runnable', { hasText: text }).click();
  await page.getByTestId('editor-Run').click();
  await waitUntil(async () => (await frames.count()) > before, `"${text}" opened a frame`);
  return frames.first();
}

describeInChromium('Neo4j Browser on the test server', () => {
  beforeAll(async () => {
    db = await openAnalysedScenario();
    const command = await postConnectCommand(db);
    const guide = /guide (https?:\/\/[^/\s]+)\/browser\/ringsight\/guide\.html/.exec(command);
    browserUrl = process.env.NEO4J_TEST_BROWSER_URL ?? (guide ? `${guide[1]}/browser/` : '');
    if (!guide) {
      throw new Error(
        `The test Neo4j has no ringsight post-connect command (browser.post_connect_cmd = ${JSON.stringify(command)}): ` +
          'it was not started by this project, or before the guide existed. Restart it: npm run neo4j:stop -- test (or the instance NEO4J_TEST_URI names).',
      );
    }
    topRing = [...(await ringsInGraph(db)).entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))[0]![0];
  }, 180_000);
  // A fresh profile per test: Neo4j Browser remembers a connection, and each test starts from the login form.
  beforeEach(async () => {
    browser = await launchChromium({ width: 1500, height: 950 });
  });
  afterEach(async () => {
    await browser?.close();
    browser = null;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('when an analyst connects, then the guide opens and the ringsight style colours and captions the top ring and its members', async () => {
    const page = await browser!.context.newPage();
    await connect(page);
    const drawer = page.getByTestId('guidesDrawer');
    await drawer.getByText('ringsight: suspected proxy-complaint gangs').waitFor({ timeout: 30_000 });
    await screenshot(page, 'neo4j-browser-guide');

    await page.getByTestId('guideNextSlide').click();
    const param = await runStep(page, drawer, ':param ringId');
    await expect(param.textContent()).resolves.toContain(topRing);
    await page.getByTestId('guideNextSlide').click();
    const frame = await runStep(page, drawer, 'OPTIONAL MATCH member');
    const nodes = frame.locator('svg g.node');
    await nodes.first().waitFor({ timeout: 15_000 });
    const drawn = await nodes.evaluateAll((gs) =>
      gs.map((g) => ({
        fill: g.querySelector('circle.b-outline')?.getAttribute('fill'),
        caption: [...g.querySelectorAll('text')].map((t) => t.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim(),
      })),
    );
    // The caption shows the id and the score to two places (the ring's scoreLabel).
    const score = (await ringsInGraph(db)).get(topRing)!.score.toFixed(2);
    expect(drawn).toContainEqual({ fill: '#2F3640', caption: `${topRing} · ${score}` });
    const borrowers = drawn.filter((n) => /^b\d+$/.test(n.caption));
    expect(borrowers.length).toBeGreaterThan(0);
    for (const b of borrowers) expect(b.fill).toBe('#D7301F');
    await screenshot(page, 'neo4j-browser-ring');
    await page.close();
  }, 90_000);

  it('when the guide is played from the API instead (an analyst\'s own Neo4j), then it opens as well', async () => {
    const server = await new Promise<Server>((resolve) => {
      const s = apiFor(db).listen(0, () => resolve(s));
    });
    try {
      const page = await browser!.context.newPage();
      await connect(page);
      const drawer = page.getByTestId('guidesDrawer');
      await drawer.getByText('ringsight: suspected proxy-complaint gangs').waitFor({ timeout: 30_000 });
      await page.getByTestId('guidesBackButton').click();
      const editor = page.getByTestId('activeEditor');
      await editor.click();
      await page.keyboard.type(`:guide http://localhost:${(server.address() as AddressInfo).port}/neo4j-browser/guide.html`);
      await page.getByTestId('editor-Run').click();
      await drawer.getByText('ringsight: suspected proxy-complaint gangs').waitFor({ timeout: 30_000 });
      await expect(drawer.locator('pre.runnable').first().textContent()).resolves.toContain(`:style http://localhost:${(server.address() as AddressInfo).port}/neo4j-browser/ringsight.grass`);
      await page.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 90_000);
});
