import { jaccard, shingles } from './textSimilarity';

export interface MemberText {
  member: number;
  text: string;
}

/**
 * Members whose complaint text nearly duplicates another member's: one agent writing for
 * many people reuses his template and only fills in names and amounts. Texts are compared
 * pairwise, so at most `maxTexts` of them are read (in the given, deterministic order).
 */
export function templatedMembers(texts: readonly MemberText[], threshold: number, shingleSize: number, maxTexts: number): Set<number> {
  const sample = texts.slice(0, maxTexts).map((t) => ({ member: t.member, shingles: shingles(t.text, shingleSize) }));
  const templated = new Set<number>();
  for (let i = 0; i < sample.length; i++) {
    const a = sample[i]!;
    if (a.shingles.size === 0) continue;
    for (let j = i + 1; j < sample.length; j++) {
      const b = sample[j]!;
      if (a.member === b.member || (templated.has(a.member) && templated.has(b.member))) continue;
      if (jaccard(a.shingles, b.shingles) >= threshold) {
        templated.add(a.member);
        templated.add(b.member);
      }
    }
  }
  return templated;
}
