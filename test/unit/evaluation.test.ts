import { emptyEvidence, type Evidence } from '../../src/contract/evidence';
import { sharedIdentifierRings } from '../../src/evaluation/baseline';
import { detectors } from '../../src/evaluation/detectors';
import { evaluateDetectors } from '../../src/evaluation/evaluateDetectors';
import { matchRings, scoreRings } from '../../src/evaluation/scoreRings';
import { UnionFind } from '../../src/detection/unionFind';
import { generateScenario } from '../../src/scenario/generateScenario';

const gangA = ['a1', 'a2', 'a3', 'a4'];
const gangB = ['b1', 'b2', 'b3', 'b4'];

describe('When rings are scored against planted gangs', () => {
  test('then a perfect detector scores 1 everywhere', () => {
    const score = scoreRings([gangB, gangA], [gangA, gangB]);
    expect(score.rings).toMatchObject({ precision: 1, recall: 1, f1: 1, matched: 2 });
    expect(score.members).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  test('then an empty report scores 0, precision included', () => {
    const score = scoreRings([], [gangA, gangB]);
    expect(score.rings).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(score.members).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  test('then one ring merging two equal gangs finds one of them and misses the other', () => {
    // The merge has Jaccard exactly 0.5 with each gang; one-to-one matching lets it count once.
    const score = scoreRings([[...gangA, ...gangB]], [gangA, gangB]);
    expect(score.rings).toMatchObject({ matched: 1, precision: 1, recall: 0.5 });
    expect(score.members).toMatchObject({ precision: 1, recall: 1 });
  });

  test('then a ring diluted below Jaccard 0.5 finds nothing but still earns member credit', () => {
    const diluted = [...gangA.slice(0, 2), 'x1', 'x2', 'x3'];
    const score = scoreRings([diluted], [gangA]);
    expect(score.rings).toMatchObject({ matched: 0, precision: 0, recall: 0, f1: 0 });
    expect(score.members.precision).toBeCloseTo(2 / 5);
    expect(score.members.recall).toBeCloseTo(2 / 4);
    expect(score.members.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9);
  });

  test('then the better of two rings claims a gang, and a split gang is found once', () => {
    const gang = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
    const matches = matchRings([['g1', 'g2', 'g3', 'g4'], ['g1', 'g2', 'g3', 'g4', 'g5']], [gang]);
    expect(matches).toEqual([{ ring: 1, gang: 0, jaccard: 5 / 6 }]);
    const score = scoreRings([['g1', 'g2', 'g3', 'g4'], ['g1', 'g2', 'g3', 'g4', 'g5']], [gang]);
    expect(score.rings).toMatchObject({ precision: 0.5, recall: 1 });
  });
});

describe('When borrowers are grouped by shared identifiers', () => {
  const evidence: Evidence = {
    ...emptyEvidence(),
    borrowers: ['p', 'q', 'r', 's', 't', 'u', 'v'].map((id) => ({ id })),
    phoneLinks: [
      { borrowerId: 'p', phone: '+8613800138000', role: 'contact' },
      { borrowerId: 'q', phone: '+8613800138000', role: 'contact' },
    ],
    calls: [
      { id: 'c1', borrowerId: 'q', voiceprintId: 'vp1' },
      { id: 'c2', borrowerId: 'r', voiceprintId: 'vp1' },
    ],
    deviceLinks: ['s', 't', 'u', 'v', 'p'].map((borrowerId) => ({ borrowerId, deviceId: 'hub' })),
  };

  test('then components chain through different identifiers', () => {
    expect(sharedIdentifierRings(evidence)).toEqual([{ members: ['p', 'q', 'r', 's', 't', 'u', 'v'] }]);
  });

  test('then identifiers shared by more than maxShare borrowers are dropped', () => {
    expect(sharedIdentifierRings(evidence, { maxShare: 4 })).toEqual([{ members: ['p', 'q', 'r'] }]);
    expect(sharedIdentifierRings(evidence, { maxShare: 4, minRingSize: 4 })).toEqual([]);
  });

  test('then empty evidence gives no rings', () => {
    expect(sharedIdentifierRings(emptyEvidence())).toEqual([]);
  });

  test('then union-find merges transitively', () => {
    const sets = new UnionFind(5);
    sets.union(0, 1);
    sets.union(3, 1);
    expect(sets.groups()).toEqual([[0, 1, 3], [2], [4]]);
  });
});

describe('When the registered detectors run on a scenario', () => {
  test('then the hub-glued baseline finds no gang and filtering does better', () => {
    const { evidence, truth } = generateScenario({ borrowers: 3_000, seed: 3 });
    const [all, filtered] = evaluateDetectors('3,000 borrowers', evidence, truth, detectors);
    expect(all!.score.members.recall).toBe(1);
    expect(all!.score.rings.recall).toBe(0);
    expect(filtered!.score.rings.f1).toBeGreaterThan(all!.score.rings.f1);
    expect(new Set(detectors.map((d) => d.name)).size).toBe(detectors.length);
  });
});
