import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
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
  name: 'local' | 'test' | 'bench' | 'scratch' | 'chaos' | 'import' | 'gds' | 'gdstest' | 'importtest';
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
  // Stopped, replaced by an offline import and restarted by the import benchmark (npm run
  // load -- --initial into it); sized like `bench`, whose figures it sits beside. What a user
  // imports there stays until they import again: the import test has an instance of its own.
  import: { name: 'import', boltPort: 7692, httpPort: 7479, heap: '4g', pageCache: '3g' },
  // The GDS peer detector's (src/gds/): cleared and loaded with each evaluated scenario. GDS
  // holds its projected graphs on the heap, so the heap is the larger share here.
  gds: { name: 'gds', boltPort: 7693, httpPort: 7480, heap: process.env.RINGSIGHT_GDS_HEAP ?? '6g', pageCache: '2g' },
  // A test database for the GDS statements while `gds` is busy with an evaluation or a
  // benchmark (NEO4J_TEST_URI=bolt://127.0.0.1:7694); sized like `test`.
  gdstest: { name: 'gdstest', boltPort: 7694, httpPort: 7481, heap: '1g', pageCache: '512m' },
  // Stopped, cleared and replaced by an offline import by the import test; sized like `test`.
  importtest: { name: 'importtest', boltPort: 7695, httpPort: 7482, heap: '1g', pageCache: '512m' },
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

/**
 * Whether the instance is one this checkout started and still runs (by the pid it recorded),
 * rather than another checkout's Neo4j that answers on the same port with the same password:
 * what wipes its database must know the difference.
 */
export function runsHere(instance: LocalInstance): boolean {
  const pid = readPid(instance);
  return pid !== null && alive(pid);
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

/**
 * Graph Data Science Community, when RINGSIGHT_GDS=1: Maven resolves scripts/neo4j/gds/pom.xml
 * and its jars are copied into .neo4j/gds-plugin, except those the server already ships
 * (same groupId:artifactId, whatever the version), so each library is on the class path
 * once, in the server's version. The folder is the server's plugin directory (where Neo4j
 * looks for procedures) and is on its class path (where it finds GDS's extension).
 */
const GDS_POM = join(PROJECT_ROOT, 'scripts', 'neo4j', 'gds', 'pom.xml');
export const GDS_PLUGIN_DIR = join(CACHE_DIR, 'gds-plugin');

export const gdsRequested = (): boolean => process.env.RINGSIGHT_GDS === '1';

/** groupId:artifactId → absolute path of each jar a pom resolves to, read from `mvn dependency:list`. */
function resolvedJars(pom: string, label: string): Map<string, string> {
  const out = join(CACHE_DIR, `${label}-dependencies.txt`);
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'dependency:list', '-DincludeScope=runtime', '-DoutputAbsoluteArtifactFilename=true', `-DoutputFile=${out}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (mvn.status !== 0) throw new Error(`Maven could not resolve ${pom} (see its output above).`);
  const jars = new Map<string, string>();
  // groupId:artifactId:type[:classifier]:version:scope:/path/to.jar [-- module …]
  const line = /^\s*([^:\s]+):([^:\s]+):[^:\s]+:(?:[^:\s]+:)?[^:\s]+:(?:compile|runtime|provided|system):(\/\S+\.jar)/;
  for (const text of readFileSync(out, 'utf8').split('\n')) {
    const match = line.exec(text);
    if (match) jars.set(`${match[1]}:${match[2]}`, match[3]!);
  }
  rmSync(out, { force: true });
  return jars;
}

/** The GDS jars in .neo4j/gds/plugins, fetched by Maven on first use; returns how many. */
export function fetchGdsJars(log: Log): number {
  const stamp = join(GDS_PLUGIN_DIR, '.pom-sha256');
  const hash = createHash('sha256').update(readFileSync(GDS_POM)).update(readFileSync(POM)).digest('hex');
  const present = () => readdirSync(GDS_PLUGIN_DIR).filter((f) => f.endsWith('.jar')).length;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return present();
  requireTool('mvn', ['-v'], 'Maven is needed once to fetch Graph Data Science from Maven Central.');
  log('Fetching Neo4j Graph Data Science Community from Maven Central (first run only)...');
  const shipped = resolvedJars(POM, 'server');
  const gds = resolvedJars(GDS_POM, 'gds');
  if (gds.size === 0) throw new Error(`Maven resolved no jar for ${GDS_POM}`);
  rmSync(GDS_PLUGIN_DIR, { recursive: true, force: true });
  mkdirSync(GDS_PLUGIN_DIR, { recursive: true });
  const left = [...gds].filter(([key]) => !shipped.has(key));
  for (const [, path] of left) copyFileSync(path, join(GDS_PLUGIN_DIR, basename(path)));
  log(`GDS: ${left.length} jars in ${GDS_PLUGIN_DIR}; ${gds.size - left.length} left out because the server ships them (${[...gds.keys()].filter((k) => shipped.has(k)).join(', ')}).`);
  writeFileSync(stamp, hash);
  return present();
}

/**
 * Neo4j Browser with ringsight's guide and style, served by the project's own Neo4j at
 * /browser/ringsight/ (same origin as the Browser, so it works offline, with no CORS and
 * no other server running). Neo4j serves /browser from the first `browser/` folder on its
 * class path; ringsight unpacks the Browser's jar once (Maven, as for the server jars),
 * adds its files, and puts that folder first. The guide and style are copied at every
 * start, so edits to cypher/browser/ show up after a restart.
 */
const BROWSER_DIR = join(CACHE_DIR, 'browser');
const BROWSER_FILES = join(PROJECT_ROOT, 'cypher', 'browser');
export const BROWSER_GUIDE_PATH = '/browser/ringsight/guide.html';
export const BROWSER_STYLE_PATH = '/browser/ringsight/ringsight.grass';

/** The guide names the style's URL in a runnable `:style` line; each server that serves it fills in its own. */
export function browserGuide(styleUrl: string): string {
  return readFileSync(join(BROWSER_FILES, 'guide.html'), 'utf8').replaceAll('http://localhost:7474/browser/ringsight/ringsight.grass', styleUrl);
}
export const browserStyle = (): string => readFileSync(join(BROWSER_FILES, 'ringsight.grass'), 'utf8');

/** What Neo4j Browser runs on connecting: apply the style, open the guide in the sidebar. */
export function postConnectCommands(instance: LocalInstance): string {
  const base = `http://localhost:${instance.httpPort}`;
  return `style ${base}${BROWSER_STYLE_PATH}; guide ${base}${BROWSER_GUIDE_PATH}`;
}

function browserVersion(): string {
  const version = /<neo4j\.browser\.version>([^<]+)</.exec(readFileSync(POM, 'utf8'))?.[1];
  if (!version) throw new Error(`No neo4j.browser.version in ${POM}`);
  return version;
}

/** True when the Browser copy with ringsight's guide is ready; false (with a warning) when Maven is missing, so Neo4j still starts. */
function prepareBrowser(instance: LocalInstance, log: Log): boolean {
  const stamp = join(BROWSER_DIR, '.pom-sha256');
  const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== pomHash || !existsSync(join(BROWSER_DIR, 'browser', 'index.html'))) {
    if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0) {
      log('Maven is not available to unpack Neo4j Browser: starting without ringsight\'s guide and style (see the README to load them by hand).');
      return false;
    }
    log('Unpacking Neo4j Browser to add ringsight\'s guide and style (first run only)...');
    rmSync(BROWSER_DIR, { recursive: true, force: true });
    mkdirSync(BROWSER_DIR, { recursive: true });
    // The unpack goal leaves "already unpacked" markers in the pom's target/, and would
    // skip the next unpack if they stayed; they go, before and after.
    const markers = join(dirname(POM), 'target');
    rmSync(markers, { recursive: true, force: true });
    const mvn = spawnSync(
      'mvn',
      ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:unpack', `-Dartifact=org.neo4j.client:neo4j-browser:${browserVersion()}:jar`,
        `-DoutputDirectory=${BROWSER_DIR}`, '-Dmdep.unpack.includes=browser/**'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    rmSync(markers, { recursive: true, force: true });
    if (mvn.status !== 0) throw new Error('Maven could not unpack Neo4j Browser (see its output above).');
    writeFileSync(stamp, pomHash);
  }
  const target = join(BROWSER_DIR, 'browser', 'ringsight');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'guide.html'), browserGuide(`http://localhost:${instance.httpPort}${BROWSER_STYLE_PATH}`));
  writeFileSync(join(target, 'ringsight.grass'), browserStyle());
  return true;
}

function writeConfig(instance: LocalInstance, home: string, withGuide: boolean, withGds: boolean): string {
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
      // Neo4j keys a plan by each list parameter's size rounded up to a power of ten, so a day
      // whose lists cross one (969 touched borrowers one day, 1,186 the next) plans its
      // statements again, and a rehearsal (dayRehearsal.ts) must run every size. Every
      // statement here seeks by key whatever the size: one plan per statement serves them all.
      'internal.cypher.use_parameter_size=false',
      // Neo4j Browser applies ringsight's style and opens its guide on connect; both come
      // from this server (see prepareBrowser), which the allowlist names.
      ...(withGuide ? [`browser.post_connect_cmd=${postConnectCommands(instance)}`, 'browser.remote_content_hostname_whitelist=localhost,127.0.0.1'] : []),
      // Browser would otherwise ask to send usage data to Neo4j and try to reach its trackers; this server is local and offline-capable.
      'client.allow_telemetry=false',
      // GDS's procedures need more than the default sandbox (they read the store directly).
      ...(withGds ? [`server.directories.plugins=${GDS_PLUGIN_DIR}`, 'dbms.security.procedures.unrestricted=gds.*'] : []),
      '',
    ].join('\n'),
  );
  return confDir;
}

function startServer(instance: LocalInstance, log: Log): void {
  const home = homeOf(instance);
  if (!readdirSync(LIB_DIR).some((f) => f.startsWith('neo4j-browser'))) throw new Error(`No Neo4j jars in ${LIB_DIR}`);
  const withGuide = prepareBrowser(instance, log);
  const withGds = gdsRequested() && fetchGdsJars(log) > 0;
  const confDir = writeConfig(instance, home, withGuide, withGds);
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
      // The Browser copy first: Neo4j serves the first `browser/` folder it finds. The GDS
      // plugins last, as the distribution's bin/neo4j puts plugins/ beside lib/.
      [...(withGuide ? [BROWSER_DIR] : []), `${LIB_DIR}/*`, ...(withGds ? [`${GDS_PLUGIN_DIR}/*`] : [])].join(':'),
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${home}`,
      `--config-dir=${confDir}`,
    ],
    { cwd: home, detached: true, stdio: ['ignore', console_, console_] },
  );
  closeSync(console_);
  java.unref();
  writeFileSync(pidFileOf(instance), String(java.pid));
  log(`Starting Neo4j (${instance.name}) from ${home} (pid ${java.pid})${withGds ? ' with Graph Data Science' : ''}...`);
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

/** The pid of the project's own server listening on this Bolt port, if it runs; for benchmarks that sample its memory. */
export function localServerPid(boltPort: number): number | null {
  const instance = Object.values(INSTANCES).find((i) => i.boltPort === boltPort);
  const pid = instance ? readPid(instance) : null;
  return pid !== null && alive(pid) ? pid : null;
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
