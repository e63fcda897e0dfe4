import { abandonedRunError, repeatEvery } from '../../src/analysis/runLease';

/** A run's beats and a server's looks for abandoned runs: on time, one at a time, stopped for good. */
describe('When a task repeats', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('then it runs once per interval until stopped, and not again while a call is unanswered', async () => {
    const answers: (() => void)[] = [];
    const task = jest.fn(() => new Promise<void>((resolve) => answers.push(resolve)));
    const stop = repeatEvery(task, 1_000);
    await jest.advanceTimersByTimeAsync(999);
    expect(task).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
    // Unanswered (a beat waiting on a lock): the next intervals pass it by.
    await jest.advanceTimersByTimeAsync(3_000);
    expect(task).toHaveBeenCalledTimes(1);
    answers[0]!();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(task).toHaveBeenCalledTimes(2);
    answers[1]!();
    stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  test('then a failed call is forgotten and the next comes on time', async () => {
    const task = jest.fn(() => Promise.reject(new Error('database gone')));
    const stop = repeatEvery(task, 1_000);
    await jest.advanceTimersByTimeAsync(3_000);
    stop();
    expect(task).toHaveBeenCalledTimes(3);
  });
});

test('An abandoned run says how long it went without a sign of life', () => {
  expect(abandonedRunError(300_000)).toContain('more than 300 s');
});
