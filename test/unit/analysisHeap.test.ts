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
