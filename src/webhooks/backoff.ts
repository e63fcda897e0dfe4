/**
 * How long to wait before the next attempt after `failures` failed ones: doubling from one
 * second up to `maxMs`, with jitter (between half and all of it) so receivers coming back
 * after an outage are not hit by every sender at the same instant. `random` is injected.
 */
export const FIRST_RETRY_MS = 1_000;

export function retryDelayMs(failures: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
