import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../neo4j/localServer';

/**
 * The browser code of the ring view (src/view/), bundled by esbuild when the server first
 * needs it and kept in memory: `npm ci && npm start` (or the demo, or the tests) serves
 * it with no separate build step and no stale copy on disk. Everything (sigma, graphology,
 * the layout) is in the bundle, so the view works offline: no CDN. About 200 KB; building
 * takes a fraction of a second.
 */

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const VIEW_DIR = join(PROJECT_ROOT, 'src', 'view');
const ENTRY_POINTS = { ringView: join(VIEW_DIR, 'ringView.ts'), ringsight: join(VIEW_DIR, 'ringsight.css') };
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

async function bundle(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: ENTRY_POINTS,
    bundle: true,
    write: false,
    outdir: 'view-assets',
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const body = Buffer.from(file.contents);
    assets.set(name, { body, type: TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  }
  return assets;
}

let built: Promise<Map<string, Asset>> | null = null;

/** The bundled assets by file name (ringView.js, ringsight.css); built once per process. A failed build is retried on the next call. */
export function viewAssets(): Promise<Map<string, Asset>> {
  built ??= bundle().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}
