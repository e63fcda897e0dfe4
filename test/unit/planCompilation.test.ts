import { compilationWithin, PLANNED_ABOVE_MS } from '../../bench/planCompilation';

describe("a day's plan compilation", () => {
  const invocations = [
    { at: 999, compileMs: 250 },
    { at: 1_000, compileMs: 120.4 },
    { at: 1_500, compileMs: 0.3 },
    { at: 1_700, compileMs: PLANNED_ABOVE_MS },
    { at: 2_000, compileMs: 30.2 },
    { at: 2_001, compileMs: 90 },
  ];

  it('sums the compile time of the statements started within the window, both ends included', () => {
    expect(compilationWithin(invocations, 1_000, 2_000)).toEqual({ ms: 153, planned: 2 });
  });

  it('counts as planned only the statements over the threshold: a cached plan is found in well under it', () => {
    expect(compilationWithin(invocations, 1_500, 1_700)).toEqual({ ms: 2, planned: 0 });
  });

  it('is zero for a window without statements', () => {
    expect(compilationWithin(invocations, 3_000, 4_000)).toEqual({ ms: 0, planned: 0 });
  });
});
