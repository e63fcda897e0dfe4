import type { EvidencePack } from '../investigation/schemas/ringDetail';
import type { TimelineEvent } from '../investigation/schemas/timeline';

/**
 * The evidence pack as a printable page for regulators or police. Every value from the
 * graph passes through `escapeHtml`: complaint texts are written by the people under
 * investigation and must never become markup.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;
const num = (n: number, digits = 2) => e(n.toFixed(digits));
const money = (n: number) => e(n.toLocaleString('en', { maximumFractionDigits: 2 }));
const yesNo = (v: boolean | null) => (v === null ? '–' : v ? 'yes' : '<strong>no</strong>');

function table(headers: string[], rows: string[][], empty = 'None recorded.'): string {
  if (rows.length === 0) return `<p class="empty">${e(empty)}</p>`;
  const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function eventRow(ev: TimelineEvent): string[] {
  if (ev.type === 'complaint') {
    const detail = `${e(ev.claim)} via ${e(ev.channelId)}${ev.phone ? `, phone ${e(ev.phone)}` : ''}${ev.deviceId ? `, device ${e(ev.deviceId)}` : ''}<div class="quote">${e(ev.text)}</div>`;
    return [e(ev.at), 'complaint', e(ev.id), e(ev.borrowerId), detail];
  }
  const checks = `voice match ${yesNo(ev.voiceMatch)}, identity verified ${yesNo(ev.identityVerified)}`;
  return [e(ev.at), 'call', e(ev.id), e(ev.borrowerId), `${ev.phone ? `phone ${e(ev.phone)}, ` : ''}${ev.voiceprintId ? `voice ${e(ev.voiceprintId)}, ` : ''}${checks}`];
}

const callRows = (calls: TimelineEvent[]) => calls.map((c) => [e(c.at), e(c.id), e(c.borrowerId), e(c.phone), c.type === 'call' ? e(c.voiceprintId) : '']);

const STYLE = `
body{font:13px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px 32px;color:#111}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:2px solid #333;padding-bottom:2px}
.meta{color:#444}.facts{display:flex;gap:24px;margin:12px 0;flex-wrap:wrap}.facts div{border:1px solid #bbb;padding:6px 10px}
.facts b{display:block;font-size:18px}table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}
.quote{color:#333;font-size:12px;margin-top:2px}.notice{background:#fff3cd;border:1px solid #c9a227;padding:6px 10px}
ul{margin:0;padding-left:16px}.empty{color:#666;font-style:italic}
figure.graph{margin:8px 0 0;break-inside:avoid}figure.graph svg{width:100%;max-width:760px;height:auto;max-height:118mm;border:1px solid #ddd}
figcaption{color:#444;font-size:11px;margin-top:2px}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

/**
 * `ringSvg` is the ring's graph drawn on the server (src/investigation/ringSvg.ts), placed
 * on the first page under the headline figures so a printed pack shows the ring itself.
 */
export function renderEvidencePack(pack: EvidencePack, ringSvg: string | null = null): string {
  const sections = [
    `<h1>Evidence pack: ${e(pack.id)}</h1>`,
    `<p class="meta">Generated ${e(pack.generatedAt)} from analysis run ${e(pack.run.id)} (finished ${e(pack.run.finishedAt)}).</p>`,
    pack.maskedPersonalData ? `<p class="notice">Personal data (names, phone numbers, ID hashes) is masked, and free texts (complaints, notes) are withheld, in this copy.</p>` : '',
    `<p class="meta">${pack.kind === 'complaintCampaign' ? 'A complaint campaign' : 'A shared-operator cluster (no complaint campaign)'}: ${e(pack.campaign.complainants)} of ${e(pack.size)} members complained, ${e(pack.campaign.complaints)} complaints${pack.campaign.firstAt ? ` from ${e(pack.campaign.firstAt)} to ${e(pack.campaign.lastAt)}` : ''}.</p>`,
    `<div class="facts"><div>Score<b>${num(pack.score)}</b></div><div>Members<b>${e(pack.membersTotal)}</b></div><div>Operated identities<b>${e(pack.operated)}</b></div><div>Outstanding principal<b>${money(pack.amounts.outstandingPrincipal.total)}</b></div><div>Demanded in complaints<b>${money(pack.amounts.demandedInComplaints.total)}</b></div></div>`,
    ringSvg
      ? `<figure class="graph">${ringSvg}<figcaption>The ring as a graph: members coloured by role, the agent's tools sized by how many members they serve, hubs the analysis cut drawn faint. Complaints and calls are folded into direct ties from each member to the phone, device or voice they came from.${pack.maskedPersonalData ? ' Names and phone numbers are masked.' : ''}</figcaption></figure>`
      : '',
    `<h2>Why this ring scores ${num(pack.score)}</h2><p>${e(pack.scoreExplanation)}</p>`,
    table(['Signal', 'Value', 'Weight', 'Contribution', 'Evidence'], pack.signals.filter((s) => s.observed).map((s) => [e(s.name), num(s.value ?? 0), num(s.weight), num(s.contribution, 3), e(s.description)])),
    `<h2>Not observed (${e(pack.unobserved.length)})</h2><p>Signals the records could not show for this ring. They count neither for nor against it.</p>`,
    table(['Signal', 'Why'], pack.unobserved.map((u) => [e(u.signal), e(u.because)]), 'Every signal could be observed.'),
    `<h2>Members (${e(pack.members.length)} of ${e(pack.membersTotal)})</h2>`,
    table(['Borrower', 'Name', 'Role', 'Tie', 'Overdue days', 'Outstanding', 'Reasons'], pack.members.map((m) => [e(m.borrowerId), e(m.name), e(m.role), num(m.weight), e(m.overdueDays), m.outstandingPrincipal === null ? '' : money(m.outstandingPrincipal), `<ul>${m.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>`])),
    `<h2>Shared tools</h2>`,
    table(['Rank', 'Kind', 'Identifier', 'Members', 'Used for'], pack.tools.map((t) => [e(t.rank), e(t.kind), e(t.id), e(t.members), e(t.usages.join(', '))])),
    `<h2>Voice mismatches (${e(pack.voiceMismatches.length)})</h2>`,
    table(['At', 'Call', 'Borrower', 'Phone', 'Voice'], callRows(pack.voiceMismatches)),
    `<h2>Failed identity checks (${e(pack.failedIdentityChecks.length)})</h2>`,
    table(['At', 'Call', 'Borrower', 'Phone', 'Voice'], callRows(pack.failedIdentityChecks)),
    `<h2>Channels targeted</h2>`,
    table(['Channel', 'Name', 'Kind', 'Complaints', 'Members'], pack.channels.map((c) => [e(c.id), e(c.name), e(c.kind), e(c.complaints), e(c.members)])),
    `<h2>Amounts</h2><p>${e(pack.amounts.note)}</p>`,
    table(['Complaint', 'Amount', 'Wording'], pack.amounts.demandedInComplaints.figures.map((f) => [e(f.complaintId), money(f.amount), e(f.quote)]), 'No complaint states a refund or compensation figure.'),
    `<h2>Timeline (${e(pack.timeline.length)} of ${e(pack.timelineTotal)} events)</h2>`,
    table(['At', 'Type', 'Id', 'Borrower', 'Detail'], pack.timeline.map(eventRow)),
    `<h2>Reviews</h2>`,
    table(['At', 'Verdict', 'By', 'Note'], pack.reviews.map((r) => [e(r.at), e(r.verdict), e(r.by), e(r.note)]), 'Not reviewed yet.'),
    `<h2>Lineage and analysis run</h2>`,
    `<p>Earlier rings: ${pack.lineage.from.length ? pack.lineage.from.map((a) => `${e(a.ringId)} (${e(a.sharedMembers)} shared, Jaccard ${num(a.jaccard)})`).join(', ') : 'none (first seen in this run)'}; kept id: ${e(pack.lineage.keptId)}, split: ${e(pack.lineage.split)}, merged: ${e(pack.lineage.merged)}.</p>`,
    `<p>Run ${e(pack.run.id)}, started ${e(pack.run.startedAt)}, finished ${e(pack.run.finishedAt)}, ${e(pack.run.communities)} communities, ${e(pack.run.suspected)} suspected rings. Parameters: <code>${e(JSON.stringify(pack.run.parameters))}</code></p>`,
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Evidence pack ${e(pack.id)}</title><style>${STYLE}</style></head>\n<body>\n${sections.join('\n')}\n</body></html>\n`;
}
