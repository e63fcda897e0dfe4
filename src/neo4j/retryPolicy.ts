/**
 * When to try a transaction again, and for how long. The driver's own retry loop treats
 * a deadlock and a dead server alike, with one time budget; we want the opposite: keep
 * trying a deadlock for a while (the other transaction finishes and ours then goes
 * through), but give up on an unreachable server within a couple of seconds, so clients
 * get a 503 with Retry-After promptly instead of a hanging request.
 */

export type FailureKind =
  /** Lock conflicts and other transient errors of a healthy server: deadlocks, lock timeouts, memory pressure. */
  | 'busy'
  /** No server to talk to, or the one we had went away (killed, restarting, a leader switch). */
  | 'unavailable'
  /** Anything else: a bug, a constraint, a syntax error. Never retried. */
  | 'permanent';

export interface RetryPolicy {
  /** Total time spent retrying `busy` failures before giving up (ms). */
  busyBudgetMs: number;
  /** Total time spent retrying `unavailable` failures before giving up (ms). */
  unavailableBudgetMs: number;
  /** First pause; each later pause doubles, up to maxDelayMs, with ±50 % jitter so contenders spread out. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * 20 s covers a queue of overlapping 5,000-record batches on a 2-core machine many times
 * over; 1 s covers a dropped connection or a routing-table refresh after a leader switch,
 * and is short enough that a client of an API whose database is down hears so quickly
 * (a leader election that takes longer is answered 503 with Retry-After, as an outage).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { busyBudgetMs: 20_000, unavailableBudgetMs: 1_000, firstDelayMs: 50, maxDelayMs: 1_000 };

const codeOf = (error: unknown): string => (error as { code?: unknown } | null)?.code?.toString() ?? '';

/** Transient errors that a retry cannot fix: the transaction was killed on purpose. */
const TERMINATED = new Set(['Neo.TransientError.Transaction.Terminated', 'Neo.TransientError.Transaction.LockClientStopped']);

export function classifyFailure(error: unknown): FailureKind {
  const code = codeOf(error);
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return 'unavailable';
  if (code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) return 'unavailable';
  // A cluster's leader moved: the write must go to the new leader.
  if (code === 'Neo.ClientError.Cluster.NotALeader' || code === 'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase') return 'unavailable';
  if (code.startsWith('Neo.TransientError.') && !TERMINATED.has(code)) return 'busy';
  return 'permanent';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails permanently, or its kind of failure has used
 * its budget; then the last error is thrown as it was, for the error handler to map
 * (busy and unavailable both become 503 with Retry-After).
 */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): Promise<T> {
  const startedAt = Date.now();
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === 'permanent') throw error;
      const budget = kind === 'busy' ? policy.busyBudgetMs : policy.unavailableBudgetMs;
      const pause = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** retry) * (0.5 + random());
      if (Date.now() - startedAt + pause > budget) throw error;
      await sleep(pause);
    }
  }
}
