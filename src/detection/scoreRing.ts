import type { RingSignal } from './detectionResult';
import type { SignalName, SignalWeights } from './options';

/**
 * A ring's score is the weighted mean of its signal values. Weights are normalised to sum
 * to 1 and every value lies in [0, 1], so the score does too, and each signal's
 * contribution (value × weight) is exactly its share of the score.
 */
export function scoreRing(
  values: Record<SignalName, number>,
  descriptions: Record<SignalName, string>,
  weights: SignalWeights,
): { score: number; signals: RingSignal[] } {
  const names = Object.keys(weights) as SignalName[];
  const total = names.reduce((s, name) => s + weights[name], 0);
  const signals = names.map((name) => {
    const value = clamp01(values[name]);
    const weight = weights[name] / total;
    return { name, value, weight, contribution: value * weight, description: descriptions[name] };
  });
  const score = clamp01(signals.reduce((s, sig) => s + sig.contribution, 0));
  signals.sort((a, b) => b.contribution - a.contribution || a.name.localeCompare(b.name));
  return { score, signals };
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
