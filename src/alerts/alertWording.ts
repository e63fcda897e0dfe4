import type { Alert, RingFigures } from '../contract/alert';

/**
 * An alert in one sentence, for people: what changed and why it matters. Rendered from the
 * alert's facts at the edge; it names rings, counts and scores, never a phone or a name.
 */

const score = (figures: RingFigures) => figures.score.toFixed(2);
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const members = (n: number) => count(n, 'member');
const gang = (figures: RingFigures) => `${members(figures.size)}, score ${score(figures)}`;
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function alertSummary(alert: Alert): string {
  const ring = alert.ringId;
  switch (alert.kind) {
    case 'newSuspectedRing':
      return `New suspected gang ${ring} (${gang(alert.ring)}, ${count(alert.ring.complaints, 'complaint')}).`;
    case 'ringGrew':
      return `Suspected gang ${ring} grew by ${members(alert.change.added)} since the last run (${alert.change.previous.size} → ${alert.ring.size}${alert.change.previous.ringId !== ring ? `, continuing ${alert.change.previous.ringId}` : ''}), score ${score(alert.ring)}.`;
    case 'scoreCrossedThreshold':
      return `${ring} crossed the suspicion threshold ${alert.change.threshold.toFixed(2)}: it was a ${alert.change.previous.kind === 'sharedOperator' ? 'shared-operator cluster' : 'ring'} scoring ${score(alert.change.previous)} and is now a suspected gang (${gang(alert.ring)}).`;
    case 'ringsMerged':
      return `Suspected gang ${ring} (${gang(alert.ring)}) holds members of ${list(alert.change.from.map((f) => `${f.ringId} (${f.sharedMembers})`))}: the rings merged.`;
    case 'ringSplit':
      return `Suspected gang ${alert.change.previous.ringId} (${members(alert.change.previous.size)}) split into ${list(alert.change.parts.map((p) => `${p.ringId} (${p.sharedMembers})`))}; this is ${ring} (${gang(alert.ring)}).`;
    case 'reviewedRingChanged': {
      const news = [
        alert.change.newMembers > 0 ? `${alert.change.newMembers} new member${alert.change.newMembers === 1 ? '' : 's'}` : '',
        alert.change.newComplaints > 0 ? `${alert.change.newComplaints} new complaint${alert.change.newComplaints === 1 ? '' : 's'}` : '',
        alert.change.newTools.length > 0 ? `${alert.change.newTools.length} new tool${alert.change.newTools.length === 1 ? '' : 's'} (${list([...new Set(alert.change.newTools.map((t) => t.kind))])})` : '',
      ].filter(Boolean);
      return `Ring ${ring}, ${alert.change.verdict}, shows ${list(news)}${alert.change.reopened ? '; its case is open again' : ''}.`;
    }
  }
}
