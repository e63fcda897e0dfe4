import { percentileCont, selectPeerRings, type PeerMember } from '../../src/gds/selectPeerRings';
import { GdsPeerOptionsSchema } from '../../src/gds/peerOptions';

const member = (borrowerId: string, cluster: number, community: number, score: number): PeerMember => ({ borrowerId, cluster, community, score });
const defaults = GdsPeerOptionsSchema.parse({});

describe('When the fraud-score threshold is drawn as Cypher\'s percentileCont draws it', () => {
  test('then it interpolates between the two nearest ranks', () => {
    expect(percentileCont([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentileCont([10, 0, 20], 0.25)).toBe(5);
    expect(percentileCont([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85);
    expect(percentileCont([7], 0.95)).toBe(7);
  });

  test('then no values is an error, not a threshold of 0', () => {
    expect(() => percentileCont([], 0.95)).toThrow('no values');
  });
});

describe('When Louvain communities are made into rings', () => {
  test('then nothing in gives no ring and no threshold', () => {
    expect(selectPeerRings([], defaults)).toEqual({ rings: [], threshold: null, communities: 0 });
  });

  test('then a community holding a borrower above the 95th percentile is a ring, and one without is not', () => {
    const members = [
      // a gang: one member scores far above everyone else
      member('g1', 1, 7, 9), member('g2', 1, 7, 2), member('g3', 1, 7, 2),
      // a household: three members alike, none flagged
      member('h1', 2, 7, 2), member('h2', 2, 7, 2), member('h3', 2, 7, 2),
      ...Array.from({ length: 20 }, (_, i) => member(`x${i}`, 3 + i, 0, 1)),
    ];
    const { rings, threshold } = selectPeerRings(members, defaults);
    // 26 scores: the 95th percentile falls among the 2s, and a score equal to it is not above it.
    expect(threshold).toBe(2);
    expect(rings).toEqual([{ members: ['g1', 'g2', 'g3'] }]);
  });

  test('then communities with one id in two WCC clusters are two communities', () => {
    const members = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => member(id, i < 3 ? 1 : 2, 0, 1));
    expect(selectPeerRings(members, { fraudScorePercentile: null, minRingSize: 3 }).rings).toEqual([{ members: ['a', 'b', 'c'] }, { members: ['d', 'e', 'f'] }]);
  });

  test('then without a percentile every community of the minimum size is a ring, and smaller ones are not', () => {
    const members = [member('a', 1, 1, 0.1), member('b', 1, 1, 0.1), member('c', 1, 1, 0.1), member('d', 1, 2, 5), member('e', 1, 2, 5)];
    const { rings, threshold, communities } = selectPeerRings(members, { fraudScorePercentile: null, minRingSize: 3 });
    expect(threshold).toBeNull();
    expect(communities).toBe(2);
    expect(rings).toEqual([{ members: ['a', 'b', 'c'] }]);
  });
});

describe('When the peer\'s options are parsed', () => {
  test('then the defaults are the example\'s and the baseline\'s values', () => {
    expect(defaults).toMatchObject({ maxIdentifierBorrowers: 20, topK: 15, fraudScorePercentile: 0.95, minRingSize: 3 });
  });

  test('then a percentile of 1 is refused, naming the field', () => {
    const parsed = GdsPeerOptionsSchema.safeParse({ fraudScorePercentile: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['fraudScorePercentile']);
  });
});
