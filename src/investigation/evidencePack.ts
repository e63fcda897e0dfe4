import { describeUnobserved } from '../wording/ringWording';
import type { DossierCache } from './dossierCache';
import type { Redactor } from './redaction';
import { assembleRingDetail } from './ringDetail';
import { unknownRing } from './ringMembers';
import type { EvidencePack } from './schemas/ringDetail';

/** A pack goes to regulators or police, so it carries every member and event up to a generous bound. */
export const PACK_LIMITS = { members: 2_000, events: 10_000 };

export function explainScore(pack: Pick<EvidencePack, 'score' | 'signals'>): string {
  const observed = pack.signals.filter((s) => s.observed);
  const strongest = observed.filter((s) => s.contribution > 0).slice(0, 3);
  const parts = strongest.map((s) => `${s.name} ${s.contribution.toFixed(2)} (${s.description})`);
  const unobserved = pack.signals.length - observed.length;
  return (
    `The score ${pack.score.toFixed(2)} is the weighted mean of the ${observed.length} signals the records could show, each in [0, 1]; ` +
    `their contributions (value × weight) add up to the score.` +
    (unobserved > 0 ? ` ${unobserved} signal${unobserved === 1 ? ' was' : 's were'} not observed and did not count either way.` : '') +
    ` Strongest: ${parts.join('; ') || 'none'}.`
  );
}

/** Members, timeline, shared tools, voice and identity failures, the score's explanation and what could not be observed, for handing over. */
export async function evidencePack(dossiers: DossierCache, redactor: Redactor, ringId: string, now: Date = new Date()): Promise<EvidencePack> {
  const dossier = await dossiers.get(ringId, PACK_LIMITS);
  if (!dossier) throw unknownRing(ringId);
  const detail = assembleRingDetail(dossier, redactor);
  const calls = detail.timeline.filter((e) => e.type === 'call');
  return {
    ...detail,
    generatedAt: now.toISOString(),
    scoreExplanation: explainScore(detail),
    unobserved: detail.signals.filter((s) => !s.observed).map((s) => ({ signal: s.name, because: describeUnobserved(s.unobservedBecause ?? 'noVoiceprints') })),
    voiceMismatches: calls.filter((c) => c.voiceMatch === false),
    failedIdentityChecks: calls.filter((c) => c.identityVerified === false),
  };
}
