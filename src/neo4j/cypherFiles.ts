import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from './localServer';

/**
 * Every Cypher statement lives in cypher/, one per file, named by intent; code refers to
 * them by path (`ingest/borrowers`) so the files analysts read are the ones that run.
 */
export const CYPHER_DIR = join(PROJECT_ROOT, 'cypher');
const cache = new Map<string, string>();

export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** Splits a multi-statement file (schema.cypher) into statements, dropping comments. */
export function statementsOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** All .cypher files, as names usable with `cypher()`. */
export function listCypherFiles(dir: string = CYPHER_DIR): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCypherFiles(path));
    else if (entry.name.endsWith('.cypher')) out.push(relative(CYPHER_DIR, path).replace(/\.cypher$/, ''));
  }
  return out.sort();
}
