import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import type { AlertDelivery, AlertOutbox, AlertPlan, AlertQuery, AlertRunState, AlertStore, RunRings, StoredAlert } from '../alerts/ports';
import { ALERT_SCHEMAS, AlertSchema, RingSnapshotSchema, type Alert, type RingSnapshot } from '../contract/alert';
import { CaseEventSchema, CaseRecordSchema, VERDICT_STATUSES, type CaseEvent, type CaseRecord } from '../contract/case';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { inChunks } from './ingestWriter';
import { field, toPlain } from './plainValues';
import { fromProps, toProps } from './schemaProperties';
import { int, toIsoString, toNumber } from './values';

/** An alert's properties: the alert as its kind's schema describes it, flattened (dates are set as datetimes by the statement). */
export const alertRow = (alert: Alert) => ({ id: alert.id, caseId: alert.caseId, firstRaisedAt: alert.firstRaisedAt, raisedAt: alert.raisedAt, props: toProps(ALERT_SCHEMAS[alert.kind], alert) });

export function alertFromProps(props: Record<string, unknown>): StoredAlert {
  const kind = props.kind as Alert['kind'];
  const alert = AlertSchema.parse({ ...fromProps(ALERT_SCHEMAS[kind], props), firstRaisedAt: toIsoString(props.firstRaisedAt), raisedAt: toIsoString(props.raisedAt) });
  const delivery: AlertDelivery = {
    version: toNumber(props.version),
    deliveredVersion: toNumber(props.deliveredVersion),
    attempts: toNumber(props.attempts),
    nextAttemptAt: toIsoString(props.nextAttemptAt) ?? null,
    lastError: (props.lastError as string | undefined) ?? null,
    deliveredAt: toIsoString(props.deliveredAt) ?? null,
  };
  return { ...alert, delivery };
}

export const caseRow = (c: CaseRecord) => ({ id: c.id, openedAt: c.openedAt, updatedAt: c.updatedAt, props: toProps(CaseRecordSchema, c) });

export const caseFromProps = (props: Record<string, unknown>): CaseRecord =>
  CaseRecordSchema.parse({ ...fromProps(CaseRecordSchema, props), openedAt: toIsoString(props.openedAt), updatedAt: toIsoString(props.updatedAt) });

export const caseEventRow = (caseId: string, event: CaseEvent, seq: number) => ({ caseId, seq: int(seq), props: toProps(CaseEventSchema, event) });

export const caseEventFromProps = (props: Record<string, unknown>): CaseEvent => CaseEventSchema.parse({ ...fromProps(CaseEventSchema, props), at: toIsoString(props.at) });

const snapshotFromProps = (props: Record<string, unknown>): RingSnapshot => RingSnapshotSchema.parse(fromProps(RingSnapshotSchema, props));

/**
 * What must change for the stored snapshots to become `next`: the ids to delete (rings gone,
 * or seen otherwise now) and the snapshots to create. An incremental run leaves most rings
 * as they were, and rewriting all of them was a third of its alerts' time at 1,000,000
 * borrowers. Both sides are compared as the schema parses them, so key order cannot hide
 * a change; a difference in order only rewrites a snapshot that did not need it.
 */
function snapshotChanges(previous: readonly RingSnapshot[], next: readonly RingSnapshot[]): { replaced: string[]; written: RingSnapshot[] } {
  const seen = (ring: RingSnapshot) => JSON.stringify(RingSnapshotSchema.parse(ring));
  const stored = new Map(previous.map((ring) => [ring.id, seen(ring)]));
  const written = next.filter((ring) => stored.get(ring.id) !== seen(ring));
  const staying = new Set(next.map((ring) => ring.id));
  const replaced = [...stored.keys()].filter((id) => !staying.has(id)).concat(written.map((ring) => ring.id).filter((id) => stored.has(id)));
  return { replaced, written };
}


const snapshotsOf = (records: Neo4jRecord[]) => records.map((r) => snapshotFromProps(r.get('snapshot')));
const casesOf = (records: Neo4jRecord[]) => records.map((r) => caseFromProps(r.get('case')));
const alertsOf = (records: Neo4jRecord[]) => records.map((r) => AlertSchema.parse(alertFromProps(r.get('alert'))));

/** Everything a run's alerts could start from: every ring they last saw, every ring the run left standing, every case following a ring, every open alert. */
export async function readAlertState(tx: ManagedTransaction, lastRunId: string | null, standing: readonly string[]): Promise<AlertRunState> {
  return {
    lastRunId,
    previous: snapshotsOf((await tx.run(cypher('alerts/ringSnapshots'))).records),
    standing: standing.length === 0 ? [] : (await tx.run(cypher('alerts/standingRings'), { ids: standing })).records.map((r) => RingSnapshotSchema.parse(toPlain(r.get('snapshot')))),
    cases: casesOf((await tx.run(cypher('cases/followingCases'))).records),
    openAlerts: alertsOf((await tx.run(cypher('alerts/openAlerts'))).records),
  };
}

/**
 * The state without the rings a run left standing, when the alerts last saw the run it
 * kept them from; null when they did not (the standing rings may then be news) or when a
 * case with a verdict follows a standing ring it never saw (the plan learns that ring).
 * Rings of one run share no member, and a run's new rings none with the rings it keeps,
 * so no merge, split or succession crosses between the standing rings and the others:
 * a plan from this state raises, opens and changes exactly what one from the whole would.
 * At 1,000,000 borrowers an incremental run leaves thousands of rings standing and writes
 * tens, and reading the whole state was most of its alerts' time.
 */
export async function readScopedAlertState(tx: ManagedTransaction, lastRunId: string | null, rings: RunRings): Promise<AlertRunState | null> {
  if (rings.keptFrom === null || lastRunId !== rings.keptFrom) return null;
  const previous = snapshotsOf((await tx.run(cypher('alerts/ringSnapshotsExcept'), { standing: rings.standing })).records);
  const inPlay = [...new Set([...previous.map((r) => r.id), ...rings.written])];
  const cases = casesOf((await tx.run(cypher('cases/casesOfRings'), { rings: inPlay, standing: rings.standing, verdicts: VERDICT_STATUSES })).records);
  const standing = new Set(rings.standing);
  if (cases.some((c) => standing.has(c.ringId))) return null;
  const openAlerts = alertsOf((await tx.run(cypher('alerts/openAlertsOfCases'), { caseIds: cases.map((c) => c.id) })).records);
  return { lastRunId, previous, standing: [], cases, openAlerts };
}

/** Alerts, the cases they open and the rings they last saw, and their webhook deliveries, in Neo4j. */
export class Neo4jAlertStore implements AlertStore, AlertOutbox {
  /** `deliver`: whether a webhook receiver is configured, so newly raised alerts are due for delivery. */
  constructor(
    private readonly db: GraphDatabase,
    private readonly deliver = false,
  ) {}

  applyRun(runId: string, rings: RunRings, plan: (state: AlertRunState) => AlertPlan): Promise<AlertPlan | null> {
    return this.db.write(async (tx) => {
      const lastRunId = field<string | null>((await tx.run(cypher('alerts/alertState'))).records[0]!, 'runId');
      if (lastRunId === runId) return null;
      const state = (await readScopedAlertState(tx, lastRunId, rings)) ?? (await readAlertState(tx, lastRunId, rings.standing));
      const planned = plan(state);
      await inChunks(tx, 'cases/writeCases', 'cases', planned.cases.map(caseRow));
      await inChunks(tx, 'cases/addCaseEvents', 'events', planned.events.map(({ caseId, event }, seq) => caseEventRow(caseId, event, seq)));
      await inChunks(tx, 'alerts/writeAlerts', 'alerts', planned.alerts.map(alertRow), { deliver: this.deliver });
      if (planned.endedCases.length > 0) await tx.run(cypher('cases/closeCaseAlerts'), { caseIds: planned.endedCases, at: new Date().toISOString() });
      // A scoped state left the standing rings' snapshots out of both sides: they stay as stored.
      const { replaced, written } = snapshotChanges(state.previous, planned.snapshot);
      await inChunks(tx, 'alerts/deleteSnapshots', 'ids', replaced);
      await inChunks(tx, 'alerts/createSnapshots', 'rings', written.map((ring) => toProps(RingSnapshotSchema, ring)));
      await tx.run(cypher('alerts/markRun'), { runId, at: new Date().toISOString() });
      return planned;
    });
  }

  list(query: AlertQuery): Promise<StoredAlert[]> {
    return this.db.read(async (tx) => {
      const params = {
        since: query.since,
        status: query.status,
        kind: query.kind,
        ringId: query.ringId,
        afterAt: query.after?.at ?? null,
        afterId: query.after?.id ?? null,
        limit: int(query.limit),
      };
      return (await tx.run(cypher('alerts/listAlerts'), params)).records.map((r) => alertFromProps(r.get('alert')));
    });
  }

  byId(id: string): Promise<StoredAlert | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('alerts/alertById'), { id })).records[0];
      return record ? alertFromProps(record.get('alert')) : null;
    });
  }

  raisedIn(runId: string): Promise<{ alert: Alert; members: string[] }[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('alerts/raisedInRun'), { runId });
      return result.records.map((r) => ({ alert: alertFromProps(r.get('alert')), members: field<string[]>(r, 'members') }));
    });
  }

  due(now: string, limit: number): Promise<StoredAlert[]> {
    return this.db.read(async (tx) => (await tx.run(cypher('alerts/dueDeliveries'), { now, limit: int(limit) })).records.map((r) => alertFromProps(r.get('alert'))));
  }

  async delivered(alerts: { id: string; version: number }[], at: string): Promise<void> {
    await this.db.write((tx) => tx.run(cypher('alerts/markDelivered'), { alerts: alerts.map((a) => ({ id: a.id, version: int(a.version) })), at }));
  }

  async failed(ids: string[], at: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.db.write((tx) => tx.run(cypher('alerts/markDeliveryFailed'), { ids, at, nextAttemptAt, error }));
  }
}
