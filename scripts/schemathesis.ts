// npm run schemathesis [-- extra schemathesis options]: starts the API against the test
// database with a generated admin key, runs Schemathesis with every check against
// /openapi.json, and stops the API. Exits with Schemathesis's status.
//
// The database is the tests' (NEO4J_TEST_URI, else the project's `test` instance, started
// if needed): it is written to, like the tests do. Schemathesis is taken from SCHEMATHESIS,
// else .venv/bin/schemathesis, else PATH (install: pip install schemathesis==4.32.5).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runAnalysis } from '../src/analysis/runAnalysis';
import { generateDemoKey } from '../src/auth/apiKeys';
import { loadConfig } from '../src/config';
import { startServer } from '../src/http/server';
import { ingestBatch } from '../src/ingest/ingestBatch';
import { Neo4jAnalysisStore } from '../src/neo4j/analysisStore';
import { GraphDatabase } from '../src/neo4j/graphDatabase';
import { ensureLocalNeo4j, INSTANCES, PROJECT_ROOT } from '../src/neo4j/localServer';
import { generateScenario } from '../src/scenario/generateScenario';
import { Neo4jIngestStore } from '../src/neo4j/ingestStore';

/** Enough cases per operation to find what the probe found, in a couple of minutes on 2 cores. */
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '60';

function schemathesisCommand(): string {
  if (process.env.SCHEMATHESIS) return process.env.SCHEMATHESIS;
  const local = join(PROJECT_ROOT, '.venv', 'bin', 'schemathesis');
  return existsSync(local) ? local : 'schemathesis';
}

/**
 * Schemathesis ends with a pytest-style bar ("==== 1 warning in 50.82s ====") that names
 * no test count. A log reader that knows pytest's closing bars takes that for a run of no
 * tests, so its bars are drawn with dashes instead; every other line passes unchanged.
 */
const unbarred = (line: string): string => line.replace(/^=+( .* )=+$/, (_, text: string) => `--${text}--`);

function relay(from: NodeJS.ReadableStream, to: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => to.write(`${unbarred(line)}\n`));
  return once(lines, 'close').then(() => undefined);
}

async function runSchemathesis(args: string[], key: string): Promise<number> {
  console.error(`\nschemathesis ${args.join(' ').replace(key, '<admin key>')}`);
  const child = spawn(schemathesisCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const relayed = Promise.all([relay(child.stdout, process.stdout), relay(child.stderr, process.stderr)]);
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exit) => resolve(exit ?? 1));
  });
  await relayed;
  return code;
}

async function main(): Promise<number> {
  const test = process.env.NEO4J_TEST_URI
    ? { uri: process.env.NEO4J_TEST_URI, user: process.env.NEO4J_TEST_USER ?? 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '' }
    : await ensureLocalNeo4j(INSTANCES.test);
  const db = new GraphDatabase({ uri: test.uri, user: test.user, password: test.password, database: process.env.NEO4J_TEST_DATABASE ?? 'neo4j' });
  try {
    await db.applySchema();
    // A small analysed case, so ring, borrower and audit endpoints have something to serve.
    await ingestBatch(new Neo4jIngestStore(db), generateScenario({ borrowers: 500, seed: 7 }).evidence);
    await runAnalysis(new Neo4jAnalysisStore(db), { options: { seed: 1 } });
    const admin = generateDemoKey('admin');
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' });
    const server = await startServer({ ...config, API_KEYS: [admin] }, db, { port: 0 });
    try {
      const common = [
        'run', `${server.url}/openapi.json`,
        '--checks', 'all',
        '--header', `Authorization: Bearer ${admin.key}`,
        '--max-examples', MAX_EXAMPLES,
        // One worker: with several, Python 3.11's ast module can fail inside Hypothesis (a tool error, not an API one).
        '--workers', '1',
        '--seed', process.env.SCHEMATHESIS_SEED ?? '1',
        '--no-color',
        ...process.argv.slice(2),
      ];
      // Every operation but ingest with the default expectations; then ingest, where a 400 for
      // schema-valid data is expected (see scripts/schemathesis-ingest.toml).
      const everyOther = await runSchemathesis([...common, '--exclude-path', '/v1/ingest'], admin.key);
      const ingest = await runSchemathesis(['--config-file', join(PROJECT_ROOT, 'scripts', 'schemathesis-ingest.toml'), ...common, '--include-path', '/v1/ingest'], admin.key);
      return everyOther !== 0 ? everyOther : ingest;
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`schemathesis: ${error.message}`);
    process.exit(1);
  },
);
