import { DAY_MS, DAYS_IN_YEAR, YEAR_START } from './identifiers';
import type { ScenarioParams } from './params';
import type { PlannedGang } from './plan';
import type { Random } from './random';

/**
 * A month of live data: the last `days` days of the scenario's year, replayed one day at a
 * time. Everything before it is the platform's history, loaded on the first day.
 */
export interface LiveWindow {
  days: number;
  /** Day of the year (as `dayToIso` counts) the window starts on. */
  firstDay: number;
  /** The window's first instant and the instant after its last day, as ISO strings. */
  from: string;
  to: string;
}

export function liveWindow(days: number): LiveWindow {
  if (!Number.isInteger(days) || days < 1 || days > DAYS_IN_YEAR) throw new Error(`liveWindow: days must be a whole number from 1 to ${DAYS_IN_YEAR}, got ${days}`);
  const firstDay = DAYS_IN_YEAR - days;
  return {
    days,
    firstDay,
    from: new Date(YEAR_START + firstDay * DAY_MS).toISOString(),
    to: new Date(YEAR_START + DAYS_IN_YEAR * DAY_MS).toISOString(),
  };
}

/**
 * The window's day (1 to `days`) an instant falls on. Everything before the window is the
 * first day's (the history a platform already holds when live operation starts); anything
 * after it the last day's. Null for a missing or unreadable time.
 */
export function windowDayOf(window: LiveWindow, time: string | null | undefined): number | null {
  if (time === null || time === undefined) return null;
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return null;
  const day = Math.floor((ms - YEAR_START) / DAY_MS) - window.firstDay + 1;
  return Math.min(window.days, Math.max(1, day));
}

/**
 * Moves every gang's campaign into the window, each starting on a day of its own drawn
 * from `random` (a stream only this uses), and keeping its length as far as the window
 * allows. Campaigns start early enough to run at least the shortest campaign length
 * within the window (when it is that long), so a gang that starts on the last evening
 * does not leave a single complaint. Recruitment still comes days to weeks before.
 */
export function placeCampaignsInWindow(gangs: PlannedGang[], params: ScenarioParams, random: Random): void {
  const window = liveWindow(params.days);
  const shortest = Math.min(params.gangs.minCampaignDays, params.days);
  const latestStart = Math.max(0, params.days - shortest);
  for (const gang of gangs) {
    const length = gang.campaign.to - gang.campaign.from;
    const from = window.firstDay + random.between(0, latestStart);
    gang.campaign = { from, to: Math.min(from + length, DAYS_IN_YEAR - 1e-6) };
  }
}
