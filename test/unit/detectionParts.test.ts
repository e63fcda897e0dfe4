import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { DEFAULT_DETECTION_OPTIONS, DetectionOptionsSchema, parseDetectionOptions } from '../../src/detection';
import { partitionModularity } from '../../src/detection/borrowerCommunities';
import { largestLockstep } from '../../src/detection/complaintLockstep';
import { templatedMembers } from '../../src/detection/complaintTemplates';
import { scoreRing } from '../../src/detection/scoreRing';
import { mulberry32 } from '../../src/detection/seededRandom';
import { sharedIdentifierWeight, specificity } from '../../src/detection/sharedIdentifierWeight';
import { jaccard, normaliseText, shingles } from '../../src/detection/textSimilarity';

describe('detection options', () => {
  it('shows its defaults and derives them from the schema', () => {
    expect(DEFAULT_DETECTION_OPTIONS).toEqual(DetectionOptionsSchema.parse({}));
    expect(DEFAULT_DETECTION_OPTIONS).toMatchObject({ seed: 42, minRingSize: 3, suspectThreshold: 0.35 });
    expect(Object.isFrozen(DEFAULT_DETECTION_OPTIONS)).toBe(true);
  });

  it('fills nested defaults when only some are given', () => {
    const options = parseDetectionOptions({ usageStrength: { callVoice: 0.5 } });
    expect(options.usageStrength).toMatchObject({ callVoice: 0.5, complaintPhone: 0.9 });
  });

  it('rejects all-zero signal weights and a non-function progress callback', () => {
    const zero = Object.fromEntries(Object.keys(DEFAULT_DETECTION_OPTIONS.signalWeights).map((k) => [k, 0]));
    expect(() => parseDetectionOptions({ signalWeights: zero })).toThrow(/signalWeights: at least one signal weight must be positive/);
    expect(() => parseDetectionOptions({ onProgress: 'yes' as never })).toThrow(/onProgress/);
  });
});

describe('sharedIdentifierWeight', () => {
  it('falls with degree and with the weaker of two usages', () => {
    expect(specificity(2, 5)).toBeGreaterThan(specificity(40, 5));
    expect(sharedIdentifierWeight(5, 1, 1, 5)).toBeGreaterThan(sharedIdentifierWeight(5, 1, 0.2, 5));
    expect(sharedIdentifierWeight(5, 1, 0, 5)).toBe(0);
  });
});

describe('mulberry32', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('complaint templates', () => {
  const template = (name: string, amount: number) => `本人${name}在贵平台借款${amount}元，平台收取高额砍头息，要求全额退还利息并消除征信记录。`;

  it('sees through filled-in names and amounts, and ignores case and punctuation', () => {
    expect(normaliseText('Refund 5,000 NOW!!')).toBe('refund 0 000 now');
    expect(jaccard(shingles(template('张三', 5000), 4), shingles(template('李四', 12000), 4))).toBeGreaterThan(0.7);
    expect(jaccard(shingles('催收电话一天打十几次，骚扰家人', 4), shingles('利率超过法定上限，合同不清楚', 4))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('marks members whose texts duplicate another member’s, not a member repeating itself', () => {
    const texts = [
      { member: 1, text: template('张三', 5000) },
      { member: 1, text: template('张三', 5000) },
      { member: 2, text: template('李四', 8000) },
      { member: 3, text: '客服无法联系，app自动扣款未经同意' },
    ];
    expect([...templatedMembers(texts, 0.5, 4, 100)].sort()).toEqual([1, 2]);
    expect(templatedMembers(texts.slice(0, 2), 0.5, 4, 100).size).toBe(0);
  });
});

describe('largestLockstep', () => {
  const at = (day: number, hour = 0) => Date.UTC(2024, 0, day, hour);

  it('finds the most members complaining through one channel within the window', () => {
    const complaints = [
      { member: 1, channel: 'regulator', time: at(1) },
      { member: 2, channel: 'regulator', time: at(2) },
      { member: 2, channel: 'regulator', time: at(2, 5) },
      { member: 3, channel: 'regulator', time: at(3) },
      { member: 4, channel: 'regulator', time: at(20) },
      { member: 5, channel: 'in_app', time: at(1) },
      { member: 6, channel: 'regulator', time: Number.NaN },
    ];
    const lockstep = largestLockstep(complaints, 72 * 3_600_000)!;
    expect(lockstep.channel).toBe('regulator');
    expect([...lockstep.members].sort()).toEqual([1, 2, 3]);
    expect(largestLockstep([], 1000)).toBeUndefined();
  });
});

describe('scoreRing', () => {
  const names = Object.keys(DEFAULT_DETECTION_OPTIONS.signalWeights) as (keyof typeof DEFAULT_DETECTION_OPTIONS.signalWeights)[];
  const all = (v: number) => Object.fromEntries(names.map((n) => [n, v])) as Record<(typeof names)[number], number>;

  it('is the weighted mean of signal values, reported signal by signal', () => {
    const { score, signals } = scoreRing(all(1), all(0) as never, DEFAULT_DETECTION_OPTIONS.signalWeights);
    expect(score).toBeCloseTo(1, 12);
    expect(signals).toHaveLength(names.length);
    expect(scoreRing(all(0), all(0) as never, DEFAULT_DETECTION_OPTIONS.signalWeights).score).toBe(0);
  });

  it('clamps values outside [0, 1] and sums contributions to the score', () => {
    const values = { ...all(0.5), sharedVoice: 7, templateSimilarity: -1, overdueShare: Number.NaN };
    const { score, signals } = scoreRing(values, all(0) as never, DEFAULT_DETECTION_OPTIONS.signalWeights);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(signals.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(score, 12);
    expect(signals.find((s) => s.name === 'sharedVoice')!.value).toBe(1);
  });
});

describe('partitionModularity', () => {
  it('agrees with the modularity Louvain reports for its own partition', () => {
    const random = mulberry32(3);
    const graph = new UndirectedGraph();
    const source: number[] = [];
    const target: number[] = [];
    const weight: number[] = [];
    for (let i = 0; i < 40; i++) graph.addNode(String(i));
    for (let i = 0; i < 40; i++) {
      for (let j = i + 1; j < 40; j++) {
        const sameBlock = Math.floor(i / 10) === Math.floor(j / 10);
        if (random() < (sameBlock ? 0.6 : 0.03)) {
          const w = 0.5 + random();
          graph.addEdge(String(i), String(j), { weight: w });
          source.push(i);
          target.push(j);
          weight.push(w);
        }
      }
    }
    const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', resolution: 0.8, rng: mulberry32(1) });
    const communityOf = Int32Array.from({ length: 40 }, (_, i) => detailed.communities[String(i)]!);
    const edges = { source: Int32Array.from(source), target: Int32Array.from(target), weight: Float64Array.from(weight), count: source.length };
    expect(partitionModularity(edges, communityOf, 0.8)).toBeCloseTo(detailed.modularity, 9);
  });
});
