import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | null = null;

/**
 * The code that runs: package version and, in a git checkout, the commit (with `+dirty`
 * when the working tree has changes). Stored with every analysis run, so a result can be
 * traced to the code that produced it.
 */
export function codeVersion(): string {
  if (cached) return cached;
  const root = join(__dirname, '..');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  let commit = '';
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    commit = git(['rev-parse', '--short=12', 'HEAD']);
    if (git(['status', '--porcelain', '--untracked-files=no']).length > 0) commit += '+dirty';
  } catch {
    // Not a git checkout (an installed package, a container image): the version alone.
  }
  return (cached = commit ? `${version} (${commit})` : version);
}
