import { randomUUID } from 'node:crypto';
import type { RingsReplacedListener } from '../analysis/ports';
import type { RingSnapshot } from '../contract/alert';
import type { Ring } from '../contract/ring';
import type { AlertPlan, AlertStore, RunRef, RunRings } from './ports';
import { planAlertRun } from './planAlertRun';
import { ALERT_DEFAULTS, type AlertSettings } from './riskEvents';

export const snapshotOf = (ring: Ring): RingSnapshot => ({
  id: ring.id,
  kind: ring.kind,
  score: ring.score,
  suspected: ring.suspected,
  members: ring.members.map((m) => m.borrowerId),
  complaints: ring.campaign.complaints,
  tools: ring.tools.map((t) => ({ kind: t.kind, id: t.id })),
});

const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/**
 * A run's alerts, as a story: read what the alerts last saw → compare the run's rings with
 * it → raise and de-duplicate alerts, open or update cases → remember the rings, in one
 * transaction. Alerts compare with what they last saw rather than with the last run, so a
 * run whose alerts failed (or a run made without them) is caught up by the next one.
 */
export function raiseAlerts(
  store: AlertStore,
  run: RunRef,
  rings: readonly RingSnapshot[],
  settings: AlertSettings = ALERT_DEFAULTS,
  standing: Omit<RunRings, 'written'> = { standing: [], keptFrom: null },
): Promise<AlertPlan | null> {
  const scope: RunRings = { ...standing, written: rings.map((r) => r.id) };
  return store.applyRun(run.id, scope, (state) => planAlertRun(state, [...rings, ...state.standing], run, settings, newId));
}

/**
 * The listener that raises a run's alerts. It never rejects: by the time it is called the
 * run has succeeded and its rings are in place, so a failure here is reported through
 * `onFailure` and made good by the next run (see raiseAlerts).
 */
export function alertsOnRingsReplaced(store: AlertStore, settings: AlertSettings = ALERT_DEFAULTS, onFailure: (error: Error) => void = () => {}): RingsReplacedListener {
  return async (rings, run, standing) => {
    try {
      await raiseAlerts(store, run, rings.map(snapshotOf), settings, { standing, keptFrom: run.keptFrom });
    } catch (error) {
      onFailure(error as Error);
    }
  };
}
