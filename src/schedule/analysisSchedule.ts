/**
 * When the server re-analyses by itself: every `intervalMinutes` since the last run
 * started, or once `afterRecords` records have been ingested since it started (records
 * that arrived during a run may not have been read by it, so they count for the next).
 * Either trigger is off at 0; with both off the server never analyses by itself.
 */
export interface ScheduleSettings {
  intervalMinutes: number;
  afterRecords: number;
  checkSeconds: number;
}

export type ScheduleReason = 'interval' | 'records';

export const scheduleOn = (s: ScheduleSettings): boolean => s.intervalMinutes > 0 || s.afterRecords > 0;

/** Why a run is due now, or null. A database that has never been analysed is due as soon as either trigger is on and it holds records. */
export function dueReason(settings: ScheduleSettings, lastRunStartedAt: string | null, recordsSince: number, now: Date): ScheduleReason | null {
  if (settings.afterRecords > 0 && recordsSince >= settings.afterRecords) return 'records';
  if (settings.intervalMinutes > 0) {
    if (lastRunStartedAt === null) return recordsSince > 0 ? 'interval' : null;
    if (now.getTime() - Date.parse(lastRunStartedAt) >= settings.intervalMinutes * 60_000) return 'interval';
  }
  return null;
}
