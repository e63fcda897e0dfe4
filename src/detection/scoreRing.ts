import type { Signal, SignalName } from '../contract/ring';
import type { Observation } from './ringSignals';
import type { SignalWeights } from './options';

/**
 * A ring's score is the weighted mean of the signals that could be observed for it.
 * Weights are renormalised over those signals and every value lies in [0, 1], so the
 * score does too and each contribution (value × weight) is exactly its share of the
 * score. An unobserved signal keeps weight 0: missing records neither raise a ring's
 * score nor lower it.
 *
 * Every figure is reported to six decimals, and the score is decided on the figure shown:
 * a sum of renormalised weights carries binary noise (0.9800000000000001) that would
 * otherwise reach the graph, the API and a threshold comparison.
 */
export function scoreRing(observations: Record<SignalName, Observation>, weights: SignalWeights): { score: number; signals: Signal[] } {
  const names = Object.keys(weights) as SignalName[];
  const observedWeight = names.reduce((sum, name) => sum + (observations[name].observed ? weights[name] : 0), 0);
  const signals: Signal[] = names.map((name) => {
    const { value, ...facts } = observations[name];
    const weight = facts.observed && observedWeight > 0 ? weights[name] / observedWeight : 0;
    const clamped = value === null ? null : clamp01(value);
    return { name, ...facts, value: clamped, weight, contribution: (clamped ?? 0) * weight };
  });
  const score = sixDecimals(clamp01(signals.reduce((sum, s) => sum + s.contribution, 0)));
  for (const s of signals) {
    s.weight = sixDecimals(s.weight);
    s.contribution = sixDecimals(s.contribution);
    if (s.value !== null) s.value = sixDecimals(s.value);
  }
  signals.sort((a, b) => b.contribution - a.contribution || Number(b.observed) - Number(a.observed) || a.name.localeCompare(b.name));
  return { score, signals };
}

const sixDecimals = (x: number) => Math.round(x * 1e6) / 1e6;
const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
