/** What the loaders report about their input: a problem is a file, a line and what is wrong there. */

/** The first problems are enough to fix a file; past this the loaders stop reading. */
export const MAX_REPORTED_PROBLEMS = 50;

export interface LoadProblem {
  file: string;
  line: number | null;
  path?: string;
  message: string;
}

export class BulkLoadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(`${problems.length} problem(s) found; nothing was written`);
    this.name = 'BulkLoadError';
  }
}

export const sortProblems = (problems: LoadProblem[]) =>
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
