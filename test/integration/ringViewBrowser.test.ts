import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { ROLE_COLORS, TOOL_COLORS } from '../../src/investigation/ringPicture';
import type { GraphDatabase } from '../../src/neo4j/graphDatabase';
import { bearer, KEYS } from './support/apiKeys';
import { apiFor, openAnalysedScenario, ringsInGraph } from './support/apiScenario';
import { describeInChromium, launchChromium, pixelsOf, sameColour, screenshot, type Chromium } from './support/chromium';

/**
 * The ring view in a real browser (headless Chromium) against the API on a real port:
 * the members and tools are drawn (sampled on screen, in their colours), a click on a
 * member shows its reasons, the timeline filters the graph, and a viewer's browser
 * never receives a name or phone number of the ring's members.
 */

// Evaluated in the page, where these are the DOM's; declared here so Node's types need no DOM.
declare const window: { ringView?: { nodesOnScreen(): OnScreen[] } };
declare const document: { body: { dataset: Record<string, string | undefined>; innerText: string } };

interface OnScreen {
  id: string;
  role: string;
  label: string;
  color: string;
  x: number;
  y: number;
  hidden: boolean;
}

let db: GraphDatabase;
let server: Server;
let base: string;
let ringId: string;
let members: string[];
let browser: Chromium;

describeInChromium('the ring view in Chromium', () => {
  beforeAll(async () => {
    db = await openAnalysedScenario();
    const rings = await ringsInGraph(db);
    [ringId, { members }] = [...rings.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))[0]!.flatMap((x) => x) as [string, { members: string[] }];
    server = await new Promise<Server>((resolve) => {
      const s = apiFor(db).listen(0, () => resolve(s));
    });
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });

  const api = async (role: keyof typeof KEYS, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: bearer(role), 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return res.json() as Promise<Record<string, unknown>>;
  };

  /** Signs a fresh browser page in with a single-use link, as the demo's printed link does, and waits for the drawing. */
  async function openView(role: keyof typeof KEYS): Promise<Page> {
    const { url } = (await api(role, '/v1/view-links', { method: 'POST', body: JSON.stringify({ ringId }) })) as { url: string };
    const page = await browser.context.newPage();
    await page.goto(url);
    expect(new URL(page.url()).pathname).toBe(`/v1/rings/${ringId}/view`);
    expect(page.url()).not.toContain('ticket');
    await page.waitForFunction(() => document.body.dataset.state !== 'loading', null, { timeout: 30_000 });
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
    return page;
  }
  const onScreen = (page: Page) => page.evaluate(() => window.ringView!.nodesOnScreen()) as Promise<OnScreen[]>;

  /** The member farthest from any other drawn node, so a click lands on it and nothing else. */
  function clearestMember(nodes: OnScreen[]): OnScreen {
    const shown = nodes.filter((n) => !n.hidden);
    const room = (n: OnScreen) => Math.min(...shown.filter((o) => o.id !== n.id).map((o) => Math.hypot(o.x - n.x, o.y - n.y)));
    return shown.filter((n) => n.role === 'operated' || n.role === 'peripheral').sort((a, b) => room(b) - room(a))[0]!;
  }

  it('when an investigator opens the view, then every member and every tool is drawn, in its colour', async () => {
    const page = await openView('investigator');
    const nodes = await onScreen(page);
    const drawnMembers = nodes.filter((n) => n.role === 'operated' || n.role === 'peripheral');
    expect(drawnMembers.map((n) => n.id.replace('Borrower:', '')).sort()).toEqual(members);
    const detail = (await api('investigator', `/v1/rings/${ringId}`)) as { tools: unknown[] };
    const drawnTools = nodes.filter((n) => n.role === 'tool');
    expect(drawnTools.length).toBe(detail.tools.length);

    const graph = page.locator('#graph');
    const box = (await graph.boundingBox())!;
    const visible = [...drawnMembers, ...drawnTools].filter((n) => !n.hidden && n.x > 0 && n.y > 0 && n.x < box.width && n.y < box.height);
    expect(visible.length).toBe(drawnMembers.length + drawnTools.length);
    const pixels = await pixelsOf(page, await graph.screenshot(), visible);
    const matches = visible.filter((n, i) => sameColour(pixels[i]!, n.color));
    // Where two nodes overlap, the one on top shows; nearly all must show their own colour.
    expect(matches.length / visible.length).toBeGreaterThanOrEqual(0.8);
    expect(new Set(drawnMembers.map((n) => n.color))).toEqual(new Set(drawnMembers.map((n) => (n.role === 'operated' ? ROLE_COLORS.operated : ROLE_COLORS.peripheral))));
    for (const tool of drawnTools) expect(Object.values(TOOL_COLORS)).toContain(tool.color);
    await screenshot(page, 'ring-view');
    await page.close();
  }, 60_000);

  it('when a member is clicked, then the panel shows that member\'s reasons, as the API words them', async () => {
    const page = await openView('investigator');
    const member = clearestMember(await onScreen(page));
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + member.x, box.y + member.y);
    const selection = page.getByTestId('selection');
    const borrowerId = member.id.replace('Borrower:', '');
    await expect(selection.textContent()).resolves.toContain(borrowerId);
    const page1 = (await api('investigator', `/v1/rings/${ringId}/members?limit=100`)) as { members: { borrowerId: string; reasons: string[] }[] };
    const reasons = page1.members.find((m) => m.borrowerId === borrowerId)!.reasons;
    expect(reasons.length).toBeGreaterThan(0);
    const shown = await selection.locator('ul.reasons li').allTextContents();
    expect(shown).toEqual(reasons);
    await screenshot(page, 'ring-view-member');
    await page.close();
  }, 60_000);

  it('when a period is dragged on the timeline, then only that period\'s complaints and calls stay in the graph', async () => {
    const page = await openView('investigator');
    const events = (await onScreen(page)).filter((n) => n.role === 'complaint' || n.role === 'call');
    expect(events.length).toBeGreaterThan(2);
    const timeline = (await page.getByTestId('timeline').boundingBox())!;
    await page.mouse.move(timeline.x + 10, timeline.y + timeline.height / 2);
    await page.mouse.down();
    await page.mouse.move(timeline.x + timeline.width * 0.4, timeline.y + timeline.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = (await onScreen(page)).filter((n) => n.role === 'complaint' || n.role === 'call');
    const shown = after.filter((n) => !n.hidden).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(events.length);
    await expect(page.getByTestId('timeline-status').textContent()).resolves.toMatch(/ from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/);
    await page.getByRole('button', { name: 'Show all' }).click();
    expect((await onScreen(page)).filter((n) => (n.role === 'complaint' || n.role === 'call') && !n.hidden).length).toBe(events.length);
    await page.close();
  }, 60_000);

  it('when a viewer opens the view and clicks around, then neither the page nor any response holds a member\'s name or phone number', async () => {
    const { records } = await db.driver.executeQuery(
      `MATCH (r:Ring {id: $id})<-[:MEMBER_OF]-(b:Borrower)
       OPTIONAL MATCH (b)-[:HAS_PHONE]->(own:Phone)
       OPTIONAL MATCH (b)-[:FILED]->(:Complaint)-[:FROM_PHONE]->(used:Phone)
       OPTIONAL MATCH (b)<-[:ABOUT]-(:Call)-[:FROM_PHONE]->(called:Phone)
       RETURN collect(DISTINCT b.name) AS names, collect(DISTINCT own.number) + collect(DISTINCT used.number) + collect(DISTINCT called.number) AS phones`,
      { id: ringId },
      { database: db.settings.database },
    );
    const names = (records[0]!.get('names') as string[]).filter((n) => n.length > 1);
    const phones = [...new Set(records[0]!.get('phones') as string[])];
    expect(names.length).toBe(members.length);
    expect(phones.length).toBeGreaterThan(0);
    const secrets = [...names, ...phones, ...phones.map((p) => p.replace(/^\+86/, ''))];

    const bodies: string[] = [];
    const view = await openViewRecording(bodies);
    const member = clearestMember(await onScreen(view));
    const box = (await view.locator('#graph').boundingBox())!;
    await view.mouse.click(box.x + member.x, box.y + member.y);
    await view.getByTestId('selection').locator('ul.reasons li').first().waitFor();
    const tool = (await onScreen(view)).find((n) => n.role === 'tool' && n.label.includes('****'));
    if (tool) await view.mouse.click(box.x + tool.x, box.y + tool.y);
    const text = await view.evaluate(() => document.body.innerText);
    await screenshot(view, 'ring-view-viewer');
    await view.close();

    expect(text).toContain('masked');
    expect(bodies.some((b) => b.includes('****'))).toBe(true);
    const json = bodies.filter((b) => b.startsWith('{'));
    expect(json.length).toBeGreaterThanOrEqual(3);
    const where = (body: string) => (body === text ? 'page text' : body.startsWith('{') ? `JSON ${body.slice(0, 40)}…` : `response ${body.slice(0, 40)}…`);
    const leaks = [text, ...bodies].flatMap((body) => secrets.filter((secret) => body.includes(secret)).map((secret) => `${secret} in ${where(body)}`));
    const numbers = [text, ...json].flatMap((body) => (body.match(/\+86\d{11}/g) ?? []).map((n) => `${n} in ${where(body)}`));
    expect([...new Set(leaks)]).toEqual([]);
    expect(numbers).toEqual([]);
  }, 60_000);

  it('when the evidence pack is printed on A4, then its first page shows the ring as a graph', async () => {
    const page = await browser.context.newPage();
    // A4 at 96 dpi less Chrome's default 1 cm margins: the first printed page is this box.
    await page.setViewportSize({ width: 718, height: 1047 });
    await page.emulateMedia({ media: 'print' });
    await page.setExtraHTTPHeaders({ authorization: bearer('viewer') });
    await page.goto(`${base}/v1/rings/${ringId}/evidence?format=html`);
    const graph = page.locator('figure.graph svg');
    const box = (await graph.boundingBox())!;
    expect(box.height).toBeGreaterThan(200);
    expect(box.y + box.height).toBeLessThanOrEqual(1047);
    const circles = await graph.locator('circle title').allTextContents();
    expect(circles.filter((t) => t.startsWith('Borrower ')).length).toBe(members.length);
    await page.close();
  }, 60_000);

  /** A viewer's view, recording the body of every response the page receives. */
  async function openViewRecording(bodies: string[]): Promise<Page> {
    const { url } = (await api('viewer', '/v1/view-links', { method: 'POST', body: JSON.stringify({ ringId }) })) as { url: string };
    const page = await browser.context.newPage();
    const pending: Promise<void>[] = [];
    page.on('response', (res) => void pending.push(res.text().then((t) => void bodies.push(t), () => undefined)));
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.state !== 'loading', null, { timeout: 30_000 });
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
    await Promise.all(pending);
    return page;
  }
});
