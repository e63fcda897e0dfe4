import { runFromProps } from '../../src/neo4j/analysisStore';

const started = { id: 'run-1', startedAt: '2026-11-26T18:00:53.307Z', codeVersion: '0.1.0' };

describe('A run record read back from the graph', () => {
  test('when its success is visible but not yet its finish time, then it reads as running', () => {
    expect(runFromProps({ ...started, status: 'succeeded' }).status).toBe('running');
  });

  test('when its success is visible with its finish time, then it reads as succeeded', () => {
    const run = runFromProps({ ...started, status: 'succeeded', finishedAt: '2026-11-26T18:03:02.224Z', run_read: 1, run_detect: 2, run_write: 3, run_total: 6 });
    expect(run).toMatchObject({ status: 'succeeded', finishedAt: '2026-11-26T18:03:02.224Z', timings: { read: 1, detect: 2, write: 3, total: 6 } });
  });

  test('when it is running or failed, then it reads as it was stored', () => {
    expect(runFromProps({ ...started, status: 'running' }).status).toBe('running');
    expect(runFromProps({ ...started, status: 'failed', error: 'boom' }).status).toBe('failed');
  });
});
