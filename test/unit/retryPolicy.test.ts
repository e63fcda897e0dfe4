import { classifyFailure, withRetries, type RetryPolicy } from '../../src/neo4j/retryPolicy';

const failure = (code: string) => Object.assign(new Error(code), { code });
const policy: RetryPolicy = { busyBudgetMs: 300, unavailableBudgetMs: 60, firstDelayMs: 10, maxDelayMs: 40 };
const noJitter = () => 0.5;

describe('retry policy', () => {
  it.each([
    ['Neo.TransientError.Transaction.DeadlockDetected', 'busy'],
    ['Neo.TransientError.Transaction.LockClientStopped', 'permanent'],
    ['Neo.TransientError.Transaction.Terminated', 'permanent'],
    ['Neo.TransientError.General.DatabaseUnavailable', 'unavailable'],
    ['ServiceUnavailable', 'unavailable'],
    ['SessionExpired', 'unavailable'],
    ['Neo.ClientError.Cluster.NotALeader', 'unavailable'],
    ['Neo.ClientError.Statement.SyntaxError', 'permanent'],
  ])('when the error code is %s, then it is %s', (code, kind) => {
    expect(classifyFailure(failure(code))).toBe(kind);
  });

  it('when a deadlock clears after a few tries, then the work succeeds', async () => {
    let tries = 0;
    const result = await withRetries(async () => {
      if (++tries < 4) throw failure('Neo.TransientError.Transaction.DeadlockDetected');
      return 'done';
    }, policy, noJitter);
    expect(result).toBe('done');
    expect(tries).toBe(4);
  });

  it('when the server stays away, then the error comes back within the short unavailable budget', async () => {
    const started = Date.now();
    let tries = 0;
    const error = await withRetries(async () => {
      tries++;
      throw failure('ServiceUnavailable');
    }, policy, noJitter).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('ServiceUnavailable');
    expect(Date.now() - started).toBeLessThan(policy.unavailableBudgetMs + 50);
    expect(tries).toBeGreaterThan(1);
  });

  it('when deadlocks persist, then retries stop at the busy budget and the deadlock is thrown', async () => {
    const started = Date.now();
    const error = await withRetries(async () => {
      throw failure('Neo.TransientError.Transaction.DeadlockDetected');
    }, policy, noJitter).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('Neo.TransientError.Transaction.DeadlockDetected');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(Date.now() - started).toBeLessThan(policy.busyBudgetMs + 50);
  });

  it('when the error is permanent, then it is not retried', async () => {
    let tries = 0;
    await expect(withRetries(async () => {
      tries++;
      throw failure('Neo.ClientError.Schema.ConstraintValidationFailed');
    }, policy)).rejects.toThrow();
    expect(tries).toBe(1);
  });
});
