import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The README and docs/ are the user's manual, and sections move between them: every relative
 * link must reach a file of the repository, and every #anchor a heading of the file it names.
 */

const ROOT = resolve(__dirname, '../..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks, where `](…)` and `#` mean nothing to a renderer. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/**
 * The anchors a document offers: each heading's as GitHub renders it (lower case, every
 * character but letters, digits, connectors, hyphens and spaces dropped, spaces turned into
 * hyphens; a repeated anchor gets -1, -2, … in order), and every `<a id="…">` written out.
 */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of prose(markdown)) {
    for (const explicit of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(explicit[1]!);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative link targets of a document (no scheme, no mail), as written. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
    }
  }
  return targets;
}

/** What is wrong with each link of a document: a missing file, or an anchor its file lacks. */
function brokenLinks(document: string): string[] {
  const text = readFileSync(join(ROOT, document), 'utf8');
  const problems: string[] = [];
  for (const link of relativeLinks(text)) {
    const [path, anchor] = link.split('#', 2) as [string, string | undefined];
    const file = path === '' ? join(ROOT, document) : resolve(join(ROOT, dirname(document)), path);
    if (!existsSync(file)) {
      problems.push(`${document}: ${link} (no ${relative(ROOT, file)})`);
    } else if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
      problems.push(`${document}: ${link} (no heading #${anchor} in ${relative(ROOT, file)})`);
    }
  }
  return problems;
}

describe('links in the README and docs/', () => {
  it('finds the documents and their links', () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(['README.md', 'docs/scaling.md', 'docs/performance-history.md']));
    expect(relativeLinks(readFileSync(join(ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(50);
  });

  it.each(DOCUMENTS)('every relative link of %s reaches a file, and its anchor a heading', (document) => {
    expect(brokenLinks(document)).toEqual([]);
  });

  it('anchors headings as GitHub does, and takes anchors written out', () => {
    const anchors = anchorsOf(
      ['## The ingest contract (v1)', '### How a run reads the graph, and what it re-examines', '## Live operation', '## Live operation', '<a id="errors"></a>', '```', '# not a heading', '```'].join('\n'),
    );
    expect([...anchors]).toEqual(['the-ingest-contract-v1', 'how-a-run-reads-the-graph-and-what-it-re-examines', 'live-operation', 'live-operation-1', 'errors']);
  });
});
