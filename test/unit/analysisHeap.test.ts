import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEMI_SPACE_MB } from '../../src/analysis/analysisHeap';

/**
 * A heap's young generation is fixed when the process starts, so the analysis's nursery
 * is set on the command lines of the npm scripts that run analyses; they must say what
 * the code assumes (and what the worker threads are given).
 */
describe('When an npm script runs analyses', () => {
  const scripts = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it.each(['analyze', 'demo', 'start', 'bench'])('then `npm run %s` starts Node with the analysis young generation', (name) => {
    expect(scripts[name]).toContain(`--max-semi-space-size=${SEMI_SPACE_MB} `);
  });
});

/**
 * A run that examines everything asks for a full collection before it detects, so the
 * heap grows from what it holds then; an entry point that runs analyses allows that. V8's
 * flags belong to the whole process, so the entry point is a Node process of its own: set
 * here, they would hold for every test file run after this one.
 */
describe('When an entry point that runs analyses has set the heap up', () => {
  it('then a run can ask for a full collection, and what nothing holds is gone after it', () => {
    const entryPoint = `
      const { collectGarbage, limitHeapGrowth } = require(${JSON.stringify(join(__dirname, '../../src/analysis/analysisHeap.ts'))});
      limitHeapGrowth();
      const ref = new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) });
      // A WeakRef's target lives to the end of the task that made or read it.
      setImmediate(() => {
        collectGarbage();
        process.stdout.write(JSON.stringify({ collected: ref.deref() === undefined }));
      });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', entryPoint], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ collected: true });
  });
});
