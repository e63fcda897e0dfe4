import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fetchServerJars, homeOf, LIB_DIR, type LocalInstance } from './localServer';

/**
 * Runs Neo4j's offline importer, `neo4j-admin database import full`, on a local instance's
 * store. Its classes come with the server (org.neo4j:neo4j-import-tool and
 * org.neo4j:neo4j-command-line, in .neo4j/lib), and org.neo4j.cli.AdminTool is the entry
 * point the distribution's bin/neo4j-admin runs; NEO4J_HOME and NEO4J_CONF point it at the
 * instance, so it writes into that instance's data directory. The server must be stopped.
 */

/** The importer's JVM heap; its caches live off the heap (--max-off-heap-memory). */
const IMPORTER_HEAP = '1g';

export async function runOfflineImport(instance: LocalInstance, args: string[], log: (line: string) => void): Promise<void> {
  fetchServerJars(log);
  const home = homeOf(instance);
  const conf = join(home, 'conf');
  if (!existsSync(join(conf, 'neo4j.conf'))) throw new Error(`Neo4j (${instance.name}) has no configuration yet in ${conf}; start it once first`);
  const java = spawn('java', [`-Xmx${IMPORTER_HEAP}`, '-cp', `${LIB_DIR}/*`, 'org.neo4j.cli.AdminTool', ...args], {
    cwd: home,
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const forward = (stream: NodeJS.ReadableStream) =>
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (line.trim() === '') return;
      // A Java stack trace's frames say less than the exception above them.
      if (!/^\s+at /.test(line)) tail.push(line);
      if (tail.length > 20) tail.shift();
      log(`  neo4j-admin: ${line}`);
    });
  forward(java.stdout);
  forward(java.stderr);
  const code = await new Promise<number | null>((resolve, reject) => {
    java.once('error', reject);
    java.once('close', resolve);
  });
  if (code !== 0) throw new Error(`neo4j-admin database import exited with ${code}: ${tail.slice(-5).join(' | ')}`);
}
