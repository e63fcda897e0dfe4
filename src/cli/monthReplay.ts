import { join } from 'node:path';
import { alertSummary } from '../alerts/alertWording';
import { ALERT_DEFAULTS, type AlertSettings } from '../alerts/riskEvents';
import type { Alert } from '../contract/alert';
import type { AnalysisSummary } from '../analysis/runAnalysis';
import { alertDelays, medianDelay, namesGang } from '../evaluation/alertDelays';
import { bulkLoad } from '../ingest/bulkLoad';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { Neo4jIngestStore } from '../neo4j/ingestStore';
import { replayDays, type DayReplayed } from '../replay/replayDays';
import type { SlicesManifest } from '../scenario/dailyScenario';
import { liveWindow } from '../scenario/liveWindow';
import type { Truth } from '../scenario/truth';

/**
 * The month of a day-sliced scenario replayed as live operation would see it, for the demo:
 * each day's folder loaded, analysed, and its alerts printed as they appear (with the planted
 * gang each names, from the truth, which a platform would not have); then the closing note:
 * how many planted gangs raised an alert, and the median delay from a campaign's start to
 * its first alert.
 */
export async function replayMonth(db: GraphDatabase, folder: string, manifest: SlicesManifest, truth: Truth, settings: AlertSettings = ALERT_DEFAULTS): Promise<AnalysisSummary> {
  const window = liveWindow(manifest.days);
  const ingest = new Neo4jIngestStore(db);
  const gangs = truth.gangs.map((g) => ({ gang: g, members: new Set(g.members) }));
  const started = (day: number) => truth.gangs.filter((g) => g.campaign.from.slice(0, 10) === dayDate(manifest, day));
  const days: DayReplayed[] = [];
  const startedAt = Date.now();
  const replay = replayDays(
    {
      analysisStore: new Neo4jAnalysisStore(db),
      alertStore: new Neo4jAlertStore(db),
      loadDay: (day) => bulkLoad(ingest, join(folder, manifest.folders[day - 1]!)).then(() => undefined),
      alertSettings: settings,
      request: { options: { seed: 1 } },
      onAlertFailure: (error) => console.error(`  alerts of the day were not raised (the next day catches up): ${error.message}`),
    },
    manifest.days,
  );
  for await (const day of replay) {
    days.push(day);
    const campaigns = started(day.day).map((g) => `${g.id} (${g.style}, ${g.members.length})`);
    console.log(
      `  day ${String(day.day).padStart(2)} ${dayDate(manifest, day.day)}  ${manifest.records[day.day - 1]!.toLocaleString('en').padStart(9)} records  ` +
        `${day.summary.suspected} suspected  ${(day.summary.timings.total / 1000).toFixed(1)} s` +
        (campaigns.length ? `   campaigns starting: ${campaigns.join(', ')}` : ''),
    );
    for (const { alert, members } of day.alerts) console.log(`      ${marker(alert)} ${alertSummary(alert)}${gangNote(members, gangs)}`);
  }
  const delays = alertDelays(truth.gangs, window, days);
  const alerted = delays.filter((d) => d.alertDay !== null);
  const median = medianDelay(delays);
  console.log(`\n  ${manifest.days} days replayed in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  console.log(`  ${alerted.length} of ${delays.length} planted gangs raised an alert naming them; median delay from campaign start to first alert: ${median === null ? '–' : `${median} day${median === 1 ? '' : 's'}`}`);
  const missed = delays.filter((d) => d.alertDay === null);
  if (missed.length > 0) console.log(`  never alerted: ${missed.map((d) => `${d.gangId} (${d.style}, ${d.size} members, started day ${d.startDay})`).join(', ')}`);
  return days.at(-1)!.summary;
}

const dayDate = (manifest: SlicesManifest, day: number) => new Date(Date.parse(manifest.from) + (day - 1) * 86_400_000).toISOString().slice(0, 10);

const marker = (alert: Alert) => (alert.kind === 'newSuspectedRing' ? '●' : alert.kind === 'reviewedRingChanged' ? '↺' : '▲');

function gangNote(members: readonly string[], gangs: { gang: Truth['gangs'][number]; members: Set<string> }[]): string {
  const hit = gangs.find((g) => namesGang(members, g.members));
  return hit ? `   [planted ${hit.gang.id}, ${hit.gang.style}]` : '';
}
