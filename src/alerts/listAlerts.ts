import type { Alert } from '../contract/alert';
import { AppError } from '../errors';
import { decodeCursor, page } from '../investigation/cursor';
import { redactIdentifier, type Redactor } from '../investigation/redaction';
import { alertSummary } from './alertWording';
import { dateTimeMs, instantOf } from './instant';
import type { AlertStore, StoredAlert } from './ports';
import type { AlertDeliveryView, AlertList, AlertListQuery, AlertView } from './schemas';

/** Phones among an alert's tools are personal data: masked for viewers, on the field that holds them. */
export function redactAlert(alert: Alert, redactor: Redactor): Alert {
  if (alert.kind !== 'reviewedRingChanged') return alert;
  return { ...alert, change: { ...alert.change, newTools: alert.change.newTools.map((t) => redactIdentifier(t, redactor)) } };
}

function deliveryOf({ delivery }: StoredAlert): AlertDeliveryView {
  const state = delivery.deliveredVersion >= delivery.version ? 'delivered' : delivery.nextAttemptAt ? 'pending' : 'notSent';
  return { state, attempts: delivery.attempts, nextAttemptAt: state === 'pending' ? delivery.nextAttemptAt : null, deliveredAt: delivery.deliveredAt, lastError: delivery.lastError };
}

export const alertView = (stored: StoredAlert, redactor: Redactor): AlertView => {
  const { delivery: _delivery, ...alert } = stored;
  const shown = redactAlert(alert as Alert, redactor);
  return { ...shown, summary: alertSummary(shown), delivery: deliveryOf(stored) } as AlertView;
};

/** Alerts, last raised first, one keyset page at a time; `since` picks up what a client has not seen. */
export async function listAlerts(store: AlertStore, redactor: Redactor, query: AlertListQuery): Promise<AlertList> {
  const position = decodeCursor(query.cursor);
  const after = position && typeof position.key === 'number' ? { at: instantOf(position.key), id: position.id } : null;
  const rows = await store.list({
    since: query.since === undefined ? null : instantOf(dateTimeMs(query.since)!),
    after,
    limit: query.limit + 1,
    status: query.status ?? null,
    kind: query.kind ?? null,
    ringId: query.ringId ?? null,
  });
  const { items, nextCursor } = page(rows, query.limit, (last) => ({ key: Date.parse(last.raisedAt), id: last.id }));
  return { alerts: items.map((a) => alertView(a, redactor)), nextCursor };
}

export async function alertDetail(store: AlertStore, redactor: Redactor, id: string): Promise<AlertView> {
  const alert = await store.byId(id);
  if (!alert) throw new AppError(404, 'not_found', `No alert "${id}"`);
  return alertView(alert, redactor);
}
