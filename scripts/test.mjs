// Runs the whole test suite (unit, then integration against a real Neo4j) and ends with
// the plain summary line "tests: N passed, N failed", taken from jest's own results, so a
// run that executed no test is visible at a glance. Notes on what was skipped come on lines
// of their own before it, so the summary stays the last line and stands alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const results = '.jest-results.json';
const running = '.jest-running';
const runJest = () => {
  rmSync(results, { force: true });
  rmSync(running, { force: true });
  return spawnSync(
    process.execPath,
    [
      'node_modules/jest/bin/jest.js', '--runInBand', '--json', `--outputFile=${results}`,
      '--reporters', 'default', '--reporters', './scripts/jestRunning.cjs',
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
};

const notes = [];
let jest = runJest();
// Node 20 has crashed with a segmentation fault inside jest, rarely and in no one test file
// (V8's dynamic-import and vm-context crashes are of this kind). Such a crash says nothing
// about the code under test, so the suite runs once more, and the note says so; a second
// crash, or any failing test, still fails the run.
if (jest.signal === 'SIGSEGV' && !existsSync(results)) {
  notes.push(...howJestEnded(), 'note: jest crashed (SIGSEGV) without results; the whole suite ran again, and the summary is of that second run');
  jest = runJest();
}

let summary = 'tests: 0 passed, 0 failed';
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  summary = `tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed` +
    (r.numPendingTests ? `, ${r.numPendingTests} skipped` : '');
  // Tests that need Graph Data Science (named with [GDS]) are skipped on a test server
  // without it; a note says so, as for the browser tests below.
  const gdsSkipped = r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === 'pending' && t.title.includes('[GDS]')).length;
  if (gdsSkipped > 0) notes.push(`note: GDS tests skipped: ${gdsSkipped}, the test Neo4j has no Graph Data Science (RINGSIGHT_GDS=1 npm test starts it with GDS)`);
} catch {
  summary = 'tests: 0 passed, 1 failed';
  notes.push(...howJestEnded());
}
// The browser tests skip themselves without Chromium (test/integration/support/chromium.ts);
// a note says so, so a run without them never reads as complete.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) notes.push(`note: browser tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
for (const note of notes) console.log(note);
console.log(summary);
process.exit(jest.status ?? 1);

/**
 * Why there are no results: jest died (a signal, such as SIGKILL from an out-of-memory
 * killer, leaves nothing on its own), which test files were running then, and how much
 * memory the machine had left afterwards.
 */
function howJestEnded() {
  const lines = [`note: jest wrote no results; it ended with ${jest.signal ? `signal ${jest.signal}` : `exit status ${jest.status}`}${jest.error ? ` (${jest.error.message})` : ''}`];
  if (existsSync(running)) {
    const files = readFileSync(running, 'utf8').split('\n').filter(Boolean);
    lines.push(files.length > 0 ? `note: running then: ${files.join(', ')}` : 'note: no test file was running then');
  }
  if (existsSync('/proc/meminfo')) {
    const available = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (available) lines.push(`note: memory available now: ${Math.round(Number(available[1]) / 1024)} MiB`);
  }
  return lines;
}
