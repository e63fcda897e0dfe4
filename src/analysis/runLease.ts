/**
 * A run's sign of life. A run is recorded as running before any work, and only its own
 * process records how it ended; a process that dies (killed, out of memory, the machine
 * lost) would leave it running for ever, and the rings it had staged out of sight with it.
 * So a running run refreshes a stamp in its record, and a run whose stamp is older than
 * the lease is declared abandoned: recorded failed as of its last sign of life, its staged
 * rings deleted by the next clean-up, and its own last transaction refused should it
 * come back after all. The lease allows ten missed beats: a long step of the run's own
 * thread (the campaign search takes seconds at 5,000,000 borrowers) or a beat waiting on
 * a lock of the run's own write delays a beat, and must never cost a live run.
 */
export const HEARTBEAT_MS = 30_000;
export const RUN_LEASE_MS = 10 * HEARTBEAT_MS;

/** A run that stopped without recording its outcome, and when it was last seen working. */
export interface AbandonedRun {
  id: string;
  lastSeenAt: string;
}

export function abandonedRunError(leaseMs: number): string {
  return `abandoned: its process gave no sign of life for more than ${Math.round(leaseMs / 1000)} s and recorded no outcome (it stopped, or lost the database); finishedAt is when it was last seen working`;
}

export function runDeclaredAbandoned(runId: string): Error {
  return new Error(`Run ${runId} was declared abandoned while it worked (no sign of life within the lease); its rings were not put in place and the last run's stand`);
}

/**
 * Calls `task` every `everyMs` until the returned function is called: a run's beats, a
 * server's look for abandoned runs. A call that has not answered yet (a beat waiting on a
 * lock of the run's own write) is not made again meanwhile, and a failed one is forgotten:
 * the run itself hears of a lost database soon enough.
 */
export function repeatEvery(task: () => Promise<unknown>, everyMs: number): () => void {
  let waiting = false;
  const timer = setInterval(() => {
    if (waiting) return;
    waiting = true;
    task()
      .catch(() => {})
      .finally(() => (waiting = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
