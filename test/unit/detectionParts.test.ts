import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { DEFAULT_DETECTION_OPTIONS, DetectionOptionsSchema, emptyEvidence, parseDetectionOptions } from '../../src/detection';
import { indexBorrowers } from '../../src/detection/borrowerIndex';
import { campaignAffinities, collectIdentifierLinks, identifierCount, keyOf, linksFromIncidences, memberCount, type IdentifierIncidence } from '../../src/detection/identifierLinks';
import { triageIdentifiers } from '../../src/detection/identifierHubs';
import { scaleCampaignBridges } from '../../src/detection/campaignBridges';
import { partitionModularity } from '../../src/detection/borrowerCommunities';
import { largestLockstep } from '../../src/detection/complaintLockstep';
import { nearDuplicateGroups } from '../../src/detection/complaintTemplates';
import { logPoissonTail } from '../../src/detection/recruitmentCampaigns';
import type { Observation } from '../../src/detection/ringSignals';
import type { SignalName } from '../../src/contract/ring';
import { scoreRing } from '../../src/detection/scoreRing';
import { fnv1a, mulberry32 } from '../../src/detection/seededRandom';
import fc from 'fast-check';
import { sharedIdentifierWeight, specificity } from '../../src/detection/sharedIdentifierWeight';
import { jaccard, normaliseComplaintText, shingleHashes } from '../../src/detection/complaintText';

describe('detection options', () => {
  it('shows its defaults and derives them from the schema', () => {
    expect(DEFAULT_DETECTION_OPTIONS).toEqual(DetectionOptionsSchema.parse({}));
    expect(DEFAULT_DETECTION_OPTIONS).toMatchObject({ seed: 42, minRingSize: 3, suspectThreshold: 0.3 });
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

describe('complaint texts', () => {
  const template = (name: string, amount: number) => `本人${name}在贵平台借款${amount}元，平台收取高额砍头息，要求全额退还利息并消除征信记录。`;
  const hashes = (text: string, name?: string) => shingleHashes(normaliseComplaintText(text, name), 4);

  it('sees through filled-in names, figures and dates, and ignores case and punctuation', () => {
    expect(normaliseComplaintText('Refund 5,000 NOW!!')).toBe('refund 0 0 now');
    expect(normaliseComplaintText('本人张三于三月五日借款两万元', '张三')).toBe('本人 于0月0日借款0元');
    expect(jaccard(hashes(template('张三', 5000), '张三'), hashes(template('李四', 12000), '李四'))).toBeGreaterThan(0.85);
    expect(jaccard(hashes('催收电话一天打十几次，骚扰家人'), hashes('利率超过法定上限，合同不清楚'))).toBe(0);
    expect(jaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });

  it('hashes every window of a text once, sorted: the fnv1a of each slice, without the slices', () => {
    const definition = (normal: string, size: number) =>
      normal.length <= size ? (normal ? [fnv1a(normal)] : []) : [...new Set(Array.from({ length: normal.length - size + 1 }, (_, i) => fnv1a(normal.slice(i, i + size))))].sort((a, b) => a - b);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '0', ' ', '本', '人', '元', '😀') as fc.Arbitrary<string>, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (text, size) => {
        expect([...shingleHashes(text, size)]).toEqual(definition(text, size));
      }),
    );
  });

  it('groups near-duplicates by single linkage and leaves the rest out', () => {
    const texts = [template('张三', 5000), '客服无法联系，app自动扣款未经同意，请尽快处理我的问题谢谢', template('李四', 8000), template('王五', 100)];
    const shingles = { of: texts.map((t) => hashes(t)) };
    expect(nearDuplicateGroups([0, 1, 2, 3], shingles, 0.5, 100)).toEqual([[0, 2, 3]]);
    expect(nearDuplicateGroups([0, 1, 2, 3], shingles, 0.5, 2)).toEqual([]);
  });
});

describe('logPoissonTail', () => {
  it('matches the Poisson tail computed directly, and stays finite far in the tail', () => {
    const direct = (k: number, lambda: number) => {
      let below = 0;
      let term = Math.exp(-lambda);
      for (let i = 0; i < k; i++) {
        below += term;
        term *= lambda / (i + 1);
      }
      return 1 - below;
    };
    for (const [k, lambda] of [[1, 0.5], [3, 0.2], [5, 4], [2, 10]] as const) expect(Math.exp(logPoissonTail(k, lambda))).toBeCloseTo(direct(k, lambda), 9);
    expect(logPoissonTail(60, 0.01)).toBeLessThan(-300);
    expect(Number.isFinite(logPoissonTail(60, 0.01))).toBe(true);
    expect(logPoissonTail(0, 3)).toBe(0);
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
  const names = Object.keys(DEFAULT_DETECTION_OPTIONS.signalWeights) as SignalName[];
  const seen = (value: number): Observation => ({ observed: true, unobservedBecause: null, value, count: 1, of: 1, channelKind: null, windowHours: null, adSourceId: null, adSourceRecruits: null });
  const unseen: Observation = { ...seen(0), observed: false, unobservedBecause: 'noVoiceprints', value: null };
  const all = (v: number) => Object.fromEntries(names.map((n) => [n, seen(v)])) as Record<SignalName, Observation>;
  const weights = DEFAULT_DETECTION_OPTIONS.signalWeights;

  it('is the weighted mean of signal values, reported signal by signal', () => {
    const { score, signals } = scoreRing(all(1), weights);
    expect(score).toBeCloseTo(1, 12);
    expect(signals).toHaveLength(names.length);
    expect(scoreRing(all(0), weights).score).toBe(0);
  });

  it('clamps values outside [0, 1] and sums contributions to the score', () => {
    const { score, signals } = scoreRing({ ...all(0.5), sharedVoice: seen(7), templateSimilarity: seen(-1), overdueShare: seen(Number.NaN) }, weights);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(signals.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(score, 5);
    expect(signals.find((s) => s.name === 'sharedVoice')!.value).toBe(1);
  });

  it('reports the score and its parts to six decimals, and the score is the figure shown', () => {
    // The exact weighted mean of signals that all read 0.7 is 0.6999999999999998: below a
    // threshold of 0.7 that the ring visibly meets.
    expect(scoreRing(all(0.7), weights).score).toBe(0.7);
    expect(scoreRing(all(0.3), weights).score).toBe(0.3);
    const { score, signals } = scoreRing({ ...all(1 / 3), sharedVoice: seen(2 / 7), voiceMismatchRate: unseen }, weights);
    for (const x of [score, ...signals.flatMap((s) => [s.value ?? 0, s.weight, s.contribution])]) {
      expect(Math.round(x * 1e6) / 1e6).toBe(x);
    }
    expect(score).toBeGreaterThan(2 / 7);
    expect(score).toBeLessThan(1 / 3);
  });

  it('leaves out what could not be observed: neither for nor against the ring', () => {
    const voiceless = { ...all(1), sharedVoice: unseen, voiceMismatchRate: unseen };
    const { score, signals } = scoreRing(voiceless, weights);
    expect(score).toBeCloseTo(1, 12);
    const voice = signals.find((s) => s.name === 'sharedVoice')!;
    expect(voice).toMatchObject({ observed: false, unobservedBecause: 'noVoiceprints', value: null, weight: 0, contribution: 0 });
    expect(signals.filter((s) => s.observed).reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 5);
    // Had the same missing voices counted as zero, the ring would have scored lower.
    expect(scoreRing({ ...all(1), sharedVoice: seen(0), voiceMismatchRate: seen(0) }, weights).score).toBeLessThan(0.8);
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

describe('scaleCampaignBridges', () => {
  it('drops a campaign tie between filers two different agents already tie unless they filed the same words, and keeps ties to filers nobody operates', () => {
    const evidence = emptyEvidence();
    const person = (id: string) => evidence.borrowers.push({ id });
    for (const id of ['a1', 'a2', 'b1', 'b2', 'w1']) person(id);
    // Agent A called for a1 and a2, agent B for b1 and b2; w1 was coached and left only a complaint.
    for (const [id, phone] of [['a1', '+8613000000001'], ['a2', '+8613000000001'], ['b1', '+8613000000002'], ['b2', '+8613000000002']]) evidence.calls.push({ id: `k-${id}`, borrowerId: id!, phone });
    // Different words everywhere (0.4), except a1 and b1, who filed the same text (1).
    const affinity = new Float32Array(25).fill(0.4);
    affinity[0 * 5 + 2] = affinity[2 * 5 + 0] = 1;
    const campaign = { id: 'flyer~c1', adSourceId: 'flyer', borrowerIds: ['a1', 'a2', 'b1', 'b2', 'w1'], affinity };
    const options = parseDetectionOptions({});
    const borrowers = indexBorrowers(evidence);
    const links = collectIdentifierLinks(evidence, borrowers, [campaign]);
    const triage = triageIdentifiers(links, options);
    const scaled = [...scaleCampaignBridges(links, triage, borrowers.ids.length, campaignAffinities(links, [campaign]), 0).values()][0]!;
    const at = (i: number, j: number) => scaled[i * 5 + j];
    // Members in id order: a1, a2, b1, b2, w1.
    expect([at(0, 1), at(2, 3)]).toEqual([0.4, 0.4].map(Math.fround));
    expect([at(1, 2), at(1, 3), at(3, 0)]).toEqual([0, 0, 0]);
    expect([at(0, 2), at(2, 0)]).toEqual([1, 1]);
    expect([at(4, 0), at(4, 2), at(1, 4)]).toEqual([0.4, 0.4, 0.4].map(Math.fround));
  });
});

describe('linksFromIncidences', () => {
  const tie = (kind: IdentifierIncidence['kind'], value: string, borrowerId: string): IdentifierIncidence => ({ kind, value, borrowerId, usage: kind === 'phone' ? 'registeredPhone' : 'deviceLogin' });
  const membersByKey = (incidences: IdentifierIncidence[]) => {
    const { links, borrowers } = linksFromIncidences(incidences);
    const out: Record<string, string[]> = {};
    for (let id = 0; id < identifierCount(links); id++) {
      out[keyOf(links, id)] = Array.from(links.members.subarray(links.offsets[id]!, links.offsets[id]! + memberCount(links, id)), (b) => borrowers[b]!).sort();
    }
    return out;
  };

  it('keeps a phone and a device of the same value apart when their ties come one after the other', () => {
    expect(membersByKey([tie('phone', 'x', 'b1'), tie('device', 'x', 'b2'), tie('device', 'x', 'b3')])).toEqual({ 'phone:x': ['b1'], 'device:x': ['b2', 'b3'] });
  });

  it('gathers the ties of one identifier whether they come together or apart', () => {
    const together = [tie('phone', 'p', 'b1'), tie('phone', 'p', 'b2'), tie('phone', 'q', 'b2'), tie('phone', 'q', 'b3')];
    const apart = [together[0]!, together[2]!, together[1]!, together[3]!];
    expect(membersByKey(apart)).toEqual(membersByKey(together));
    expect(membersByKey(together)).toEqual({ 'phone:p': ['b1', 'b2'], 'phone:q': ['b2', 'b3'] });
  });
});
