import { loadavg } from 'node:os';

/** The machine's 1, 5 and 15 minute load averages, to two decimals: printed beside timings, which contention inflates. */
export const loadAverages = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);
