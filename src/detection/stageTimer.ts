/** Times the stages of one run, in milliseconds, in the order they ran. */
export function stageTimer(now: () => number = () => performance.now()) {
  const timings: Record<string, number> = {};
  return {
    timings,
    run<T>(stage: string, work: () => T): T {
      const start = now();
      try {
        return work();
      } finally {
        timings[stage] = Math.round((now() - start) * 10) / 10;
      }
    },
  };
}
