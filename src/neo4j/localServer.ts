import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import neo4j from 'neo4j-driver';

/**
 * A real Neo4j 5.26 Community server for machines without Docker. Maven fetches the
 * server's jars (scripts/neo4j/pom.xml) into .neo4j/lib; the server is then started as
 * the distribution's own bin/neo4j does: org.neo4j.server.CommunityEntryPoint with
 * --home-dir and --config-dir over those jars.
 *
 * Separate instances keep the test suite and the benchmarks from wiping the data an
 * analyst is looking at: `local` (Bolt 7687, HTTP 7474) for the product, `test`
 * (7688/7475) for the tests, `bench` (7689/7476) for the benchmarks.
 */

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const CACHE_DIR = join(PROJECT_ROOT, '.neo4j');
/** The server's jars, Neo4j's admin tools (org.neo4j.cli.AdminTool) among them. */
export const LIB_DIR = join(CACHE_DIR, 'lib');
const POM = join(PROJECT_ROOT, 'scripts', 'neo4j', 'pom.xml');

export const LOCAL_PASSWORD = 'ringsight-local';
const FACTORY_PASSWORD = 'neo4j';

export interface LocalInstance {
  name: 'local' | 'test' | 'bench' | 'scratch' | 'chaos' | 'import';
  boltPort: number;
  httpPort: number;
  heap: string;
  pageCache: string;
}

export const INSTANCES: Record<LocalInstance['name'], LocalInstance> = {
  local: { name: 'local', boltPort: 7687, httpPort: 7474, heap: process.env.RINGSIGHT_NEO4J_HEAP ?? '3g', pageCache: process.env.RINGSIGHT_NEO4J_PAGECACHE ?? '2g' },
  test: { name: 'test', boltPort: 7688, httpPort: 7475, heap: '1g', pageCache: '512m' },
  // Benchmarks load up to a million borrowers without touching the demo's data.
  bench: { name: 'bench', boltPort: 7689, httpPort: 7476, heap: '4g', pageCache: '3g' },
  // A second test database, for running two test suites side by side (NEO4J_TEST_URI=bolt://127.0.0.1:7690).
  scratch: { name: 'scratch', boltPort: 7690, httpPort: 7477, heap: '1g', pageCache: '512m' },
  // Killed and restarted on purpose by the chaos tests (npm run test:chaos); nobody else's data lives there.
  chaos: { name: 'chaos', boltPort: 7691, httpPort: 7478, heap: '1g', pageCache: '256m' },
  // Stopped, replaced by an offline import and restarted by the import test and the import
  // benchmark (npm run load -- --initial into it); sized like `bench`, whose figures it sits beside.
  import: { name: 'import', boltPort: 7692, httpPort: 7479, heap: '4g', pageCache: '3g' },
};

export interface RunningServer {
  uri: string;
  user: string;
  password: string;
  browserUrl: string;
  startedNow: boolean;
}

type Log = (line: string) => void;

/** The instance's NEO4J_HOME: conf/, data/, logs/, run/. */
export const homeOf = (instance: LocalInstance) => join(CACHE_DIR, instance.name);
const pidFileOf = (instance: LocalInstance) => join(homeOf(instance), 'run', 'neo4j.pid');

/** Ensures the instance runs (fetching and starting it if needed) and answers on Bolt. */
export async function ensureLocalNeo4j(instance: LocalInstance = INSTANCES.local, log: Log = console.error): Promise<RunningServer> {
  const server: RunningServer = {
    uri: `bolt://127.0.0.1:${instance.boltPort}`,
    user: 'neo4j',
    password: LOCAL_PASSWORD,
    browserUrl: `http://localhost:${instance.httpPort}/browser/`,
    startedNow: false,
  };
  if (await portOpen(instance.boltPort)) {
    log(`Neo4j (${instance.name}) is already running on ${server.uri}`);
  } else {
    requireTool('java', ['-version'], 'Java 17 or newer is needed to run the local Neo4j (or set NEO4J_URI to a server of yours).');
    fetchServerJars(log);
    startServer(instance, log);
    server.startedNow = true;
  }
  await waitForBolt(instance, server, log);
  return server;
}

/** Stops the instance if this project started it. */
export async function stopLocalNeo4j(instance: LocalInstance = INSTANCES.local, log: Log = console.error): Promise<boolean> {
  const pid = readPid(instance);
  if (pid === null || !alive(pid)) {
    log(`Neo4j (${instance.name}) is not running.`);
    return false;
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive(pid) && waited < 60_000; waited += 250) await sleep(250);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  log(`Neo4j (${instance.name}) stopped.`);
  return true;
}

/**
 * Kills the instance without warning (SIGKILL), as a crash or an OOM killer would: for
 * the chaos tests, which check that loads and the API survive it. Only instances this
 * project started, by the pid it recorded.
 */
export async function killLocalNeo4j(instance: LocalInstance): Promise<void> {
  const pid = readPid(instance);
  if (pid === null || !alive(pid)) return;
  process.kill(pid, 'SIGKILL');
  for (let waited = 0; alive(pid) && waited < 30_000; waited += 100) await sleep(100);
}

/** The jars in .neo4j/lib, fetched by Maven on first use. */
export function fetchServerJars(log: Log): void {
  const stamp = join(LIB_DIR, '.pom-sha256');
  const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash) return;
  requireTool('mvn', ['-v'], 'Maven is needed once to fetch Neo4j from Maven Central (or set NEO4J_URI to a server of yours).');
  log('Fetching Neo4j 5.26 Community from Maven Central (first run only)...');
  mkdirSync(LIB_DIR, { recursive: true });
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${LIB_DIR}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (mvn.status !== 0) throw new Error('Maven could not fetch the Neo4j server jars (see its output above).');
  writeFileSync(stamp, pomHash);
}

function writeConfig(instance: LocalInstance, home: string): string {
  const confDir = join(home, 'conf');
  mkdirSync(confDir, { recursive: true });
  for (const dir of ['data', 'logs', 'run', 'plugins', 'import']) mkdirSync(join(home, dir), { recursive: true });
  writeFileSync(
    join(confDir, 'neo4j.conf'),
    [
      `server.default_listen_address=127.0.0.1`,
      `server.bolt.listen_address=127.0.0.1:${instance.boltPort}`,
      `server.http.listen_address=127.0.0.1:${instance.httpPort}`,
      `server.https.enabled=false`,
      `server.memory.heap.initial_size=${instance.heap}`,
      `server.memory.heap.max_size=${instance.heap}`,
      `server.memory.pagecache.size=${instance.pageCache}`,
      // Large write-back transactions (a whole analysis run) need room beyond the default.
      `db.memory.transaction.total.max=0`,
      `dbms.usage_report.enabled=false`,
      '',
    ].join('\n'),
  );
  return confDir;
}

function startServer(instance: LocalInstance, log: Log): void {
  const home = homeOf(instance);
  const confDir = writeConfig(instance, home);
  if (!readdirSync(LIB_DIR).some((f) => f.startsWith('neo4j-browser'))) throw new Error(`No Neo4j jars in ${LIB_DIR}`);
  const console_ = openSync(join(home, 'logs', 'console.log'), 'a');
  // The JVM flags are those the distribution's neo4j.conf ships with.
  const java = spawn(
    'java',
    [
      `-Xms${instance.heap}`,
      `-Xmx${instance.heap}`,
      '-XX:+UseG1GC',
      '-XX:-OmitStackTraceInFastThrow',
      '-XX:+UnlockExperimentalVMOptions',
      '-XX:+TrustFinalNonStaticFields',
      '-XX:+DisableExplicitGC',
      '-Djdk.nio.maxCachedBufferSize=1024',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-Dlog4j2.disable.jmx=true',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-cp',
      `${LIB_DIR}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${home}`,
      `--config-dir=${confDir}`,
    ],
    { cwd: home, detached: true, stdio: ['ignore', console_, console_] },
  );
  closeSync(console_);
  java.unref();
  writeFileSync(pidFileOf(instance), String(java.pid));
  log(`Starting Neo4j (${instance.name}) from ${home} (pid ${java.pid})...`);
}

async function waitForBolt(instance: LocalInstance, server: RunningServer, log: Log): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const pid = readPid(instance);
    if (server.startedNow && pid !== null && !alive(pid)) {
      throw new Error(`Neo4j (${instance.name}) exited during start-up; see ${join(homeOf(instance), 'logs')}`);
    }
    if (await portOpen(instance.boltPort)) {
      const outcome = await tryLogin(server);
      if (outcome === 'ok') return;
      if (outcome === 'factory-password') {
        await setInitialPassword(server);
        log(`Set the local Neo4j password (user neo4j, password ${server.password}).`);
        return;
      }
    }
    await sleep(500);
  }
  throw new Error(`Neo4j (${instance.name}) did not answer on ${server.uri} within 3 minutes`);
}

async function tryLogin(server: RunningServer): Promise<'ok' | 'factory-password' | 'not-ready'> {
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  try {
    await driver.executeQuery('RETURN 1');
    return 'ok';
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'Neo.ClientError.Security.Unauthorized') return 'factory-password';
    return 'not-ready';
  } finally {
    await driver.close();
  }
}

/** A fresh server only accepts neo4j/neo4j, and only to change that password. */
async function setInitialPassword(server: RunningServer): Promise<void> {
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, FACTORY_PASSWORD));
  try {
    await driver.executeQuery('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: FACTORY_PASSWORD, new: server.password }, { database: 'system' });
  } catch (error) {
    throw new Error(
      `A Neo4j on ${server.uri} refuses the local password; if it is not ringsight's, stop it or set NEO4J_URI/NEO4J_PASSWORD (${(error as Error).message})`,
    );
  } finally {
    await driver.close();
  }
}

function requireTool(command: string, args: string[], message: string): void {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new Error(message);
}

function readPid(instance: LocalInstance): number | null {
  const file = pidFileOf(instance);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether something listens on the port on this machine. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
