import type { Truth } from '../scenario/truth';
import type { LabelledGang, LabelledGroup } from './ringDiagnosis';

/**
 * The scenario's gangs with their style, and its innocent look-alikes by kind, as the
 * diagnosis reads them. A gang's recruits who were never operated are innocent too.
 */
export function truthLabels(truth: Truth): { gangs: LabelledGang[]; innocents: LabelledGroup[] } {
  const gangs = truth.gangs.map((g) => ({ id: g.id, style: g.style, members: g.members }));
  const innocents: LabelledGroup[] = [
    ...truth.innocentGroups.map((g) => ({ kind: g.kind, members: g.members })),
    ...truth.gangs.map((g) => ({ kind: 'gangRecruitNeverOperated', members: g.nonParticipants })),
  ];
  return { gangs, innocents };
}
