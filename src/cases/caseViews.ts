import { alertView } from '../alerts/listAlerts';
import { instantOf } from '../alerts/instant';
import { figuresOf } from '../alerts/riskEvents';
import type { CaseEvent } from '../contract/case';
import { AppError } from '../errors';
import { decodeCursor, page } from '../investigation/cursor';
import { redactIdentifier, type Redactor } from '../investigation/redaction';
import type { CaseStore } from './ports';
import { HISTORY_LIMIT, type CaseDetail, type CaseList, type CaseListQuery } from './schemas';

/** Notes are free text and may quote anyone: withheld from viewers; phones among new tools masked. */
export const redactEvent = (event: CaseEvent, redactor: Redactor): CaseEvent => ({
  ...event,
  note: redactor.freeText(event.note),
  newTools: event.newTools && event.newTools.map((t) => redactIdentifier(t, redactor)),
});

export const caseNotFound = (id: string) => new AppError(404, 'not_found', `No case "${id}"`);

/** Cases, last changed first, filtered by status and assignee, one keyset page at a time. */
export async function listCases(store: CaseStore, query: CaseListQuery): Promise<CaseList> {
  const position = decodeCursor(query.cursor);
  const after = position && typeof position.key === 'number' ? { at: instantOf(position.key), id: position.id } : null;
  const rows = await store.list({ status: query.status ?? null, assignee: query.assignee ?? null, after, limit: query.limit + 1 });
  const { items, nextCursor } = page(rows, query.limit, (last) => ({ key: Date.parse(last.updatedAt), id: last.id }));
  return { cases: items, nextCursor };
}

export async function caseDetail(store: CaseStore, redactor: Redactor, id: string): Promise<CaseDetail> {
  const found = await store.detail(id, HISTORY_LIMIT);
  if (!found) throw caseNotFound(id);
  return {
    ...found.case,
    ring: found.ring && { id: found.ring.id, ...figuresOf(found.ring) },
    alerts: found.openAlerts.map((a) => alertView(a, redactor)),
    history: found.history.map((e) => redactEvent(e, redactor)),
    historyTotal: found.historyTotal,
  };
}
