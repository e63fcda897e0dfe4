import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../../src/neo4j/localServer';

/**
 * Headless Chromium for the browser tests: Debian's `chromium` (or CHROMIUM_PATH),
 * driven by playwright-core, which never downloads a browser. Where it is missing the
 * browser tests are skipped, and scripts/test.mjs says so in the run's summary line.
 */

// Evaluated in the page, where these are the DOM's; declared here so Node's types need no DOM.
declare const Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
declare const document: { createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null } };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

/** `describe` where Chromium is installed, `describe.skip` where not. */
export const describeInChromium = chromiumAvailable ? describe : describe.skip;

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile each time, so no cookie or stored style carries over between tests. */
export async function launchChromium(viewport = { width: 1400, height: 860 }): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'ringsight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, viewport, args: FLAGS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots go to out/screenshots/ (git-ignored): to look at after a run, or to copy into docs/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(PROJECT_ROOT, 'out', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** The colour of the pixel at (x, y) of a PNG, decoded by Chromium itself in a blank page. */
export async function pixelsOf(page: Page, png: Buffer, points: { x: number; y: number }[]): Promise<string[]> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ({ data, points }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return points.map(({ x, y }) => {
          const [r, g, b] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
          return `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
        });
      },
      { data: png.toString('base64'), points },
    );
  } finally {
    await blank.close();
  }
}

/** Whether two #rrggbb colours are within a small distance (anti-aliasing, colour management). */
export function sameColour(a: string, b: string, tolerance = 24): boolean {
  const rgb = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [x, y] = [rgb(a), rgb(b)];
  return x.every((v, i) => Math.abs(v - y[i]!) <= tolerance);
}

/** Polls until the condition holds, or fails after the timeout saying what it waited for. */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
