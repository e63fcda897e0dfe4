import type { z } from 'zod';

/** One thing wrong with the input, located by a path such as `complaints[3].phone`. */
export interface IssueDetail {
  path: string;
  message: string;
}

/** Renders a zod path the way a person writes it: `complaints[3].phone`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

export function describeZodError(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): IssueDetail[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}
