import { planChanges, type PlanState } from '../../src/detection/planChanges';
import { parseDetectionOptions } from '../../src/detection';
import type { PlanInputs } from '../../src/detection/componentPlan';
import { emptyEvidence } from '../../src/contract/evidence';

/** What an incremental run must re-examine besides the borrowers that gained records. */

const options = parseDetectionOptions({});
const state = (over: Partial<PlanState> = {}): PlanState => ({ adSources: {}, cut: [], campaigns: {}, channels: { regulator: 'regulator' }, ...over });
const inputs: PlanInputs = {
  sharedIncidences: [
    { kind: 'phone', value: '+861', borrowerId: 'a', usage: 'callPhone' },
    { kind: 'phone', value: '+861', borrowerId: 'b', usage: 'callPhone' },
    { kind: 'device', value: 'd1', borrowerId: 'c', usage: 'deviceLogin' },
  ],
  adSourceRecruits: [],
  campaignEvidence: emptyEvidence(),
  facts: { borrowers: 3, complainers: 0, firstAt: null, lastAt: null },
};

describe('When a plan is compared with the last run\'s', () => {
  it('then nothing changed means nothing to re-examine', () => {
    expect(planChanges(state(), state(), inputs, options)).toEqual({ everything: false, borrowers: new Set(), adSources: [] });
  });

  it('then a hub cut or restored names every borrower it ties', () => {
    expect(planChanges(state(), state({ cut: ['phone:+861'] }), inputs, options).borrowers).toEqual(new Set(['a', 'b']));
    expect(planChanges(state({ cut: ['phone:+861'] }), state(), inputs, options).borrowers).toEqual(new Set(['a', 'b']));
  });

  it('then a hub is known by its kind and its whole value, colons included', () => {
    const withColons: PlanInputs = {
      ...inputs,
      sharedIncidences: [
        ...inputs.sharedIncidences,
        { kind: 'device', value: 'mac:00:1a', borrowerId: 'e', usage: 'deviceLogin' },
        { kind: 'device', value: 'mac:00:1a', borrowerId: 'f', usage: 'deviceLogin' },
        { kind: 'phone', value: 'd1', borrowerId: 'g', usage: 'callPhone' },
      ],
    };
    expect(planChanges(state(), state({ cut: ['device:mac:00:1a'] }), withColons, options).borrowers).toEqual(new Set(['e', 'f']));
    expect(planChanges(state(), state({ cut: ['device:d1'] }), withColons, options).borrowers).toEqual(new Set(['c']));
  });

  it('then a campaign found, gone, or with other filers or words names its filers then and now', () => {
    const was = { filers: ['a', 'b'], print: 'x' };
    expect(planChanges(state({ campaigns: { c: was } }), state({ campaigns: { c: was } }), inputs, options).borrowers.size).toBe(0);
    expect(planChanges(state({ campaigns: { c: was } }), state({ campaigns: { c: { filers: ['b', 'c'], print: 'x' } } }), inputs, options).borrowers).toEqual(new Set(['a', 'b', 'c']));
    expect(planChanges(state({ campaigns: { c: was } }), state({ campaigns: { c: { ...was, print: 'y' } } }), inputs, options).borrowers).toEqual(new Set(['a', 'b']));
    expect(planChanges(state(), state({ campaigns: { c: was } }), inputs, options).borrowers).toEqual(new Set(['a', 'b']));
  });

  it('then a small ad source that grew, or crossed the hub limit, is named; a cut one that grew is not', () => {
    const limit = options.adSourceHubDegree;
    const before = state({ adSources: { small: 5, crossing: limit, big: limit + 10 } });
    const after = state({ adSources: { small: 6, crossing: limit + 1, big: limit + 20, fresh: 2 } });
    expect(planChanges(before, after, inputs, options).adSources).toEqual(['crossing', 'fresh', 'small']);
  });

  it('then a complaint channel added or of another kind means every ring must be re-examined', () => {
    expect(planChanges(state(), state({ channels: { regulator: 'regulator', press: 'media' } }), inputs, options).everything).toBe(true);
    expect(planChanges(state(), state({ channels: { regulator: 'platform' } }), inputs, options).everything).toBe(true);
  });
});
