import { sameOptions } from '../../src/analysis/analysisScope';
import { effectiveOptions } from '../../src/analysis/runAnalysis';

/** The same object with its keys, nested ones too, in reverse order: as options may come back from the graph. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
  return value;
}

describe('whether a run may build on the last run: the same options', () => {
  const options = effectiveOptions();

  it('holds for the same options whatever the order of their keys, nested ones too', () => {
    const stored = reversed(options) as Record<string, unknown>;
    expect(JSON.stringify(Object.keys(stored.signalWeights as object))).not.toBe(JSON.stringify(Object.keys(options.signalWeights as object)));
    expect(sameOptions(stored, options)).toBe(true);
  });

  it('fails when a nested value differs', () => {
    const weights = { ...(options.signalWeights as Record<string, number>), sharedVoice: 0.5 };
    expect(sameOptions({ ...options, signalWeights: weights }, options)).toBe(false);
  });

  it('fails when a key is missing', () => {
    const { seed: _seed, ...rest } = options;
    expect(sameOptions(rest, options)).toBe(false);
  });
});
