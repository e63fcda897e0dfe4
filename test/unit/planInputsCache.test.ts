import { PlanInputsCache } from '../../src/analysis/planInputsCache';
import { emptyEvidence } from '../../src/contract/evidence';
import type { PlanInputs } from '../../src/detection/componentPlan';
import { sourcesCrossingBound } from '../../src/detection/planInputChanges';

const inputs: PlanInputs = {
  sharedIncidences: [{ kind: 'phone', value: '13800000000', borrowerId: 'b1', usage: 'registeredPhone' }],
  adSourceRecruits: [{ id: 'flyer', recruits: 3 }],
  campaignEvidence: { ...emptyEvidence(), complaints: [{ id: 'c1', borrowerId: 'b1', channelId: 'regulator', text: '投诉' }] },
  facts: { borrowers: 10, complainers: 1, firstAt: 0, lastAt: 1 },
};

describe('When a run keeps its plan inputs', () => {
  test('then the run building on it takes them back, once', () => {
    const cache = new PlanInputsCache();
    cache.keep('run-1', 200, inputs);
    expect(cache.take('run-1', 200)).toBe(inputs);
    expect(cache.take('run-1', 200)).toBeNull();
  });

  test('then a run building on another run, or planning with another small-source bound, reads everything again, and the kept inputs go', () => {
    const cache = new PlanInputsCache();
    expect(cache.take('run-1', 200)).toBeNull();
    for (const [runId, bound] of [['run-0', 200], [undefined, 200], ['run-1', 100]] as const) {
      cache.keep('run-1', 200, inputs);
      expect(cache.take(runId, bound)).toBeNull();
      expect(cache.take('run-1', 200)).toBeNull();
    }
  });

  test('then a later run replaces them', () => {
    const cache = new PlanInputsCache();
    cache.keep('run-1', 200, inputs);
    const later = { ...inputs, adSourceRecruits: [] };
    cache.keep('run-2', 200, later);
    expect(cache.take('run-2', 200)).toBe(later);
  });
});

describe('When a run that examined every component keeps its plan inputs', () => {
  test('then on a platform past the bound it keeps nothing, and forgets what it held', () => {
    const cache = new PlanInputsCache(9);
    cache.keep('run-1', 200, inputs);
    cache.keep('run-2', 200, inputs, true);
    expect(cache.take('run-2', 200)).toBeNull();
    expect(cache.take('run-1', 200)).toBeNull();
  });

  test('then up to the bound it keeps them, as an incremental run does at any size', () => {
    const atBound = new PlanInputsCache(10);
    atBound.keep('run-1', 200, inputs, true);
    expect(atBound.take('run-1', 200)).toBe(inputs);
    const small = new PlanInputsCache(1);
    small.keep('run-1', 200, inputs, false);
    expect(small.take('run-1', 200)).toBe(inputs);
  });
});

describe('When ad sources grow between runs', () => {
  test('then those that crossed the small-source bound are named, a source not listed counting as small', () => {
    const last = [{ id: 'a', recruits: 5 }, { id: 'b', recruits: 6 }, { id: 'c', recruits: 2 }];
    const now = [{ id: 'a', recruits: 6 }, { id: 'b', recruits: 9 }, { id: 'c', recruits: 5 }, { id: 'd', recruits: 7 }];
    expect(sourcesCrossingBound(last, now, 5)).toEqual(['a', 'd']);
    expect(sourcesCrossingBound(now, last, 5)).toEqual(['a', 'd']);
  });
});
