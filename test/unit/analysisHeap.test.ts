import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectGarbage, limitHeapGrowth, SEMI_SPACE_MB } from '../../src/analysis/analysisHeap';

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
 * heap grows from what it holds then; an entry point that runs analyses allows that.
 */
describe('When an entry point that runs analyses has set the heap up', () => {
  it('then a run can ask for a full collection, and what nothing holds is gone after it', async () => {
    limitHeapGrowth();
    const ref = new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) });
    // A WeakRef's target lives to the end of the task that made or read it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
