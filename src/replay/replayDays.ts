import type { AnalysisStore } from '../analysis/ports';
import { runAnalysis, type AnalysisRequest, type AnalysisSummary } from '../analysis/runAnalysis';
import { PlanInputsCache } from '../analysis/planInputsCache';
import { alertsOnRingsReplaced } from '../alerts/raiseAlerts';
import type { AlertStore } from '../alerts/ports';
import { ALERT_DEFAULTS, type AlertSettings } from '../alerts/riskEvents';
import type { Alert } from '../contract/alert';

/** One day of a replay: what was loaded, what the analysis found, and the alerts it raised. */
export interface DayReplayed {
  day: number;
  summary: AnalysisSummary;
  /** Alerts raised (or raised again) that day, with their ring's members as the day's run left them. */
  alerts: { alert: Alert; members: string[] }[];
  loadMs: number;
}

export interface ReplayDependencies {
  analysisStore: AnalysisStore;
  alertStore: AlertStore;
  /** Ingests one day's slice (day 1 holds the history). */
  loadDay: (day: number) => Promise<void>;
  alertSettings?: AlertSettings;
  /** Detection options of every run; the same for every day, so the last day's rings are those of one full analysis. */
  request?: AnalysisRequest;
  /** Told when raising a day's alerts failed (the next day's alerts catch up). */
  onAlertFailure?: (error: Error) => void;
}

/**
 * Live operation replayed: each day, load the day's records, analyse, raise alerts, as a
 * scheduled server would after each day's data. Runs are forced: a month replays what the
 * data says each day, even a day on which every ring dissolved.
 */
export async function* replayDays(deps: ReplayDependencies, days: number): AsyncGenerator<DayReplayed> {
  const listener = alertsOnRingsReplaced(deps.alertStore, deps.alertSettings ?? ALERT_DEFAULTS, deps.onAlertFailure);
  const request: AnalysisRequest = { ...deps.request, force: true };
  // Each day's run brings the day before's plan inputs up to date, as a server's runs do.
  const planCache = new PlanInputsCache();
  for (let day = 1; day <= days; day++) {
    const started = Date.now();
    await deps.loadDay(day);
    const loadMs = Date.now() - started;
    const summary = await runAnalysis(deps.analysisStore, request, undefined, undefined, listener, planCache);
    yield { day, summary, alerts: await deps.alertStore.raisedIn(summary.runId), loadMs };
  }
}
