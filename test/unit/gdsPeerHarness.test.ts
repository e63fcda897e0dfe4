import { emptyEvidence } from '../../src/contract/evidence';
import type { AsyncRingDetector } from '../../src/evaluation/detector';
import { evaluateAsyncDetector } from '../../src/evaluation/evaluateDetectors';
import { GDS_PEER_NAME, openGdsPeer } from '../../src/evaluation/gdsPeer';
import { notRunLines, stageTable } from '../../src/evaluation/qualityTable';
import type { Truth } from '../../src/scenario/truth';

const truth = { gangs: [{ id: 'g1', style: 'operatorKit', members: ['a', 'b', 'c'], nonParticipants: [] }], innocentGroups: [] } as unknown as Truth;

describe('When RINGSIGHT_GDS is not set', () => {
  const saved = process.env.RINGSIGHT_GDS;
  beforeEach(() => delete process.env.RINGSIGHT_GDS);
  afterEach(() => (saved === undefined ? delete process.env.RINGSIGHT_GDS : (process.env.RINGSIGHT_GDS = saved)));

  test('then the peer is not run, and the reason says how to run it', async () => {
    const logged: string[] = [];
    const peer = await openGdsPeer((line) => logged.push(line));
    expect(peer).toEqual({ notRun: { detector: GDS_PEER_NAME, reason: expect.stringContaining('RINGSIGHT_GDS=1 npm run evaluate') } });
    expect(logged).toEqual([]);
  });

  test('then the printed output names the peer and why it was not run', () => {
    expect(notRunLines([{ detector: GDS_PEER_NAME, reason: 'RINGSIGHT_GDS is not set to 1' }])).toBe(`**Not run: ${GDS_PEER_NAME}.** RINGSIGHT_GDS is not set to 1.`);
  });
});

describe('When a detector that works in a database is evaluated', () => {
  const detector: AsyncRingDetector = {
    name: 'peer',
    detect: async () => ({ rings: [{ members: ['a', 'b', 'c'] }, { members: ['x', 'y', 'z'] }], setupMs: 30_000, stages: { project: 1_500, louvain: 2_000, total: 4_000 } }),
  };

  test('then its loading time is kept out of its time and its rings are scored like any detector\'s', async () => {
    const clock = [0, 34_000];
    const result = await evaluateAsyncDetector('case', emptyEvidence(), truth, detector, () => clock.shift()!);
    expect(result.seconds).toBe(4);
    expect(result.setupMs).toBe(30_000);
    expect(result.score.rings).toMatchObject({ matched: 1, reported: 2, planted: 1 });
  });

  test('then the stage table shows its load apart from its stages, in seconds', async () => {
    const result = await evaluateAsyncDetector('case', emptyEvidence(), truth, detector);
    expect(stageTable([result]).split('\n').slice(2)).toEqual([
      '| detector | case | load (not in its time) | project | louvain | total |',
      '|---|---|---:|---:|---:|---:|',
      '| peer | case | 30.00 | 1.50 | 2.00 | 4.00 |',
    ]);
  });

  test('then with no such detector there is no stage table', () => {
    expect(stageTable([])).toBe('');
  });
});
