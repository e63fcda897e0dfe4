import type { AlertKind } from '../contract/alert';
import { windowDayOf, type LiveWindow } from '../scenario/liveWindow';
import type { GangTruth } from '../scenario/truth';

/**
 * How soon alerts name a planted gang: for each gang, the first day an alert named a ring
 * that is mostly that gang, counted in days from the day its campaign started (0: the same
 * day). "Mostly": at least half the ring's members, and at least two, are the gang's, so an
 * early alert on a few of a large gang's members counts, as it would for an investigator
 * opening it; an alert on a household that holds one gang member does not.
 */
export interface GangAlertDelay {
  gangId: string;
  style: GangTruth['style'];
  size: number;
  startDay: number;
  /** Null when no alert named the gang within the replay. */
  alertDay: number | null;
  delayDays: number | null;
  kind: AlertKind | null;
  ringId: string | null;
}

export interface AlertedDay {
  day: number;
  alerts: { alert: { kind: AlertKind; ringId: string }; members: readonly string[] }[];
}

export const namesGang = (ringMembers: readonly string[], gang: ReadonlySet<string>): boolean => {
  const members = new Set(ringMembers);
  const inGang = [...members].filter((m) => gang.has(m)).length;
  return inGang >= 2 && inGang * 2 >= members.size;
};

export function alertDelays(gangs: readonly GangTruth[], window: LiveWindow, days: readonly AlertedDay[]): GangAlertDelay[] {
  return gangs.map((gang) => {
    const members = new Set(gang.members);
    const startDay = windowDayOf(window, gang.campaign.from) ?? 1;
    for (const { day, alerts } of days) {
      const hit = alerts.find((a) => namesGang(a.members, members));
      if (hit) return { gangId: gang.id, style: gang.style, size: members.size, startDay, alertDay: day, delayDays: day - startDay, kind: hit.alert.kind, ringId: hit.alert.ringId };
    }
    return { gangId: gang.id, style: gang.style, size: members.size, startDay, alertDay: null, delayDays: null, kind: null, ringId: null };
  });
}

/** The median of the delays of the gangs that were alerted (null when none was). */
export function medianDelay(delays: readonly GangAlertDelay[]): number | null {
  const values = delays.flatMap((d) => (d.delayDays === null ? [] : [d.delayDays])).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
