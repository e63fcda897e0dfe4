import type { AnalysisRun } from '../contract/analysisRun';
import { describeSignal } from '../wording/ringWording';
import { demandFigures } from './demandedAmounts';
import type { DossierCache } from './dossierCache';
import { memberView } from './memberView';
import type { DossierLimits, RingDossier } from './ports';
import { redactTool, type Redactor } from './redaction';
import { unknownRing } from './ringMembers';
import type { RingDetail } from './schemas/ringDetail';
import type { Run } from './schemas/ring';
import type { Amounts, Channel, TimelineEvent } from './schemas/timeline';

/** Big enough for every ring the detector reports on the reference scenario; the rest are paged or counted. */
export const DETAIL_LIMITS: DossierLimits = { members: 200, events: 1000 };

/** Events without a time sort last; ties keep a stable order by id. */
export function byTime(a: TimelineEvent, b: TimelineEvent): number {
  if (a.at !== b.at) return a.at === null ? 1 : b.at === null ? -1 : a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function channelsTargeted(dossier: RingDossier): Channel[] {
  const byChannel = new Map<string, { complaints: number; members: Set<string> }>();
  for (const c of dossier.complaints) {
    if (!c.channelId) continue;
    const entry = byChannel.get(c.channelId) ?? { complaints: 0, members: new Set<string>() };
    entry.complaints++;
    entry.members.add(c.borrowerId);
    byChannel.set(c.channelId, entry);
  }
  const known = new Map(dossier.channels.map((ch) => [ch.id, ch]));
  return [...byChannel.entries()]
    .map(([id, e]) => ({ id, name: known.get(id)?.name ?? null, kind: known.get(id)?.kind ?? null, complaints: e.complaints, members: e.members.size }))
    .sort((a, b) => b.complaints - a.complaints || (a.id < b.id ? -1 : 1));
}

/** Figures quoted from complaint texts are free text too: viewers get the totals, not the quotes. */
export function amountsOf(dossier: RingDossier, redactor: Redactor): Amounts {
  const figures = dossier.complaints.flatMap((c) => demandFigures(c.id, c.text));
  return {
    outstandingPrincipal: { total: dossier.outstandingTotal, borrowersWithFigure: dossier.outstandingCount },
    demandedInComplaints: {
      total: figures.reduce((sum, f) => sum + f.amount, 0),
      complaintsWithFigure: new Set(figures.map((f) => f.complaintId)).size,
      complaintsRead: dossier.complaints.length,
      figures: figures.map((f) => ({ ...f, quote: redactor.freeText(f.quote) ?? '' })),
    },
    note:
      'Outstanding principal is summed over all members with a recorded figure. Demanded amounts are only those written in complaint texts next to a refund or compensation word; demands without a figure (e.g. "refund all interest") are not counted.',
  };
}

function redactEvent(event: TimelineEvent, redactor: Redactor): TimelineEvent {
  const phone = event.phone === null ? null : redactor.phone(event.phone);
  if (event.type === 'call') return { ...event, phone };
  return { ...event, phone, text: redactor.freeText(event.text) };
}

/** The run as a ring page shows it: when, which code, which effective options, what it found. */
function runView(ringRunId: string, run: AnalysisRun | null): Run {
  return {
    id: run?.id ?? ringRunId,
    startedAt: run?.startedAt ?? null,
    finishedAt: run?.finishedAt ?? null,
    codeVersion: run?.codeVersion ?? null,
    parameters: run?.options ?? {},
    communities: run?.stats?.communities ?? null,
    suspected: run?.stats?.suspected ?? null,
  };
}

/** The whole ring: score and why, who, with what, when, where they complained, what they asked for, and what reviewers said. */
export function assembleRingDetail(dossier: RingDossier, redactor: Redactor): RingDetail {
  const { ring } = dossier;
  const timeline = [...dossier.complaints, ...dossier.calls].sort(byTime);
  return {
    id: ring.id,
    kind: ring.kind,
    score: ring.score,
    suspected: ring.suspected,
    size: ring.size,
    operated: ring.operated,
    signals: [...dossier.signals]
      .sort((a, b) => b.contribution - a.contribution || Number(b.observed) - Number(a.observed) || a.name.localeCompare(b.name))
      .map((s) => ({ ...s, description: describeSignal(s) })),
    members: dossier.members.map((m) => ({ ...memberView(m, redactor), name: redactor.name(m.name) })),
    membersTotal: dossier.membersTotal,
    tools: dossier.tools.map((t) => redactTool(t, redactor)),
    campaign: ring.campaign,
    timeline: timeline.map((e) => redactEvent(e, redactor)),
    timelineTotal: dossier.complaintsTotal + dossier.callsTotal,
    channels: channelsTargeted(dossier),
    amounts: amountsOf(dossier, redactor),
    reviews: dossier.reviews.map((r) => ({ ...r, note: redactor.freeText(r.note) ?? '' })),
    run: runView(ring.runId, dossier.run),
    lineage: ring.lineage,
    maskedPersonalData: redactor.masked,
  };
}

export async function ringDetail(dossiers: DossierCache, redactor: Redactor, ringId: string): Promise<RingDetail> {
  const dossier = await dossiers.get(ringId, DETAIL_LIMITS);
  if (!dossier) throw unknownRing(ringId);
  return assembleRingDetail(dossier, redactor);
}
