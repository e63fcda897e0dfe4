import type { Role } from '../auth/roles';
import type { RingList, RingListQuery } from '../investigation/schemas/ring';
import { escapeHtml as e } from './evidencePackHtml';

/**
 * The HTML pages people open in a browser: sign-in, the ranked ring list and the shell of
 * the ring view (whose script draws the graph). Every value from the data passes through
 * escapeHtml; pages carry no inline script or style, so their Content-Security-Policy can
 * forbid both.
 */

export const ASSETS = '/view/assets';

/** Scripts and styles from this server only; the ring view's layout worker is started from a blob URL by graphology-layout-forceatlas2. */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
export const VIEW_CSP = `${PAGE_CSP}; script-src 'self'; connect-src 'self'; worker-src blob:`;

interface Reader {
  role: Role;
  masked: boolean;
}

function page(title: string, body: string, options: { bodyAttributes?: string; script?: string } = {}): string {
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${e(title)}</title><link rel="stylesheet" href="${ASSETS}/ringsight.css"></head>\n` +
    `<body${options.bodyAttributes ?? ''}>\n${body}\n${options.script ? `<script src="${ASSETS}/${options.script}"></script>\n` : ''}</body></html>\n`
  );
}

function topBar(reader: Reader | null, links: string): string {
  const who = reader
    ? `<span class="who">Signed in as <b>${e(reader.role)}</b>${reader.masked ? ' · names and phone numbers masked' : ''}</span>` +
      `<form method="post" action="/view/sign-out"><button type="submit">Sign out</button></form>`
    : '';
  return `<header class="top"><a class="brand" href="/v1/rings?format=html">ringsight</a>${links}<span class="spacer"></span>${who}</header>`;
}

/** Only paths on this server under /v1 are followed after signing in: never another site. */
export const safeNext = (next: unknown): string => (typeof next === 'string' && /^\/v1\/[^\\]*$/.test(next) && !next.startsWith('//') ? next : '/v1/rings?format=html');

export function signInPage(options: { message: string | null; next: string }): string {
  const body =
    topBar(null, '') +
    `<main class="sign-in"><h1>Sign in to the ring view</h1>` +
    (options.message ? `<p class="notice">${e(options.message)}</p>` : '') +
    `<form method="post" action="/view/sign-in"><label>API key <input type="password" name="key" autocomplete="off" required minlength="16" autofocus></label>` +
    `<input type="hidden" name="next" value="${e(safeNext(options.next))}"><button type="submit">Sign in</button></form>` +
    `<p class="hint">The key travels once, in the body of this form, and is exchanged for a session cookie that expires within 8 hours; it never appears in a URL. ` +
    `A key holder can also ask the API for a single-use link: <code>curl -X POST -H "Authorization: Bearer $KEY" /v1/view-links</code>.</p></main>`;
  return page('Sign in · ringsight', body);
}

const KIND_TITLES: Record<RingListQuery['kind'], string> = {
  complaintCampaign: 'Suspected proxy-complaint gangs',
  sharedOperator: 'Shared-operator clusters (no complaint campaign)',
};

const listUrl = (query: Partial<RingListQuery>) => {
  const params = new URLSearchParams({ format: 'html' });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && k !== 'format') params.set(k, String(v));
  return `/v1/rings?${params.toString()}`;
};

const scoreBar = (score: number) => `<span class="bar"><meter min="0" max="1" value="${e(score.toFixed(3))}"></meter> ${e(score.toFixed(2))}</span>`;

/** `rankOffset` null: a later page, whose rank the cursor does not tell. */
export function ringListPage(list: RingList, query: RingListQuery, reader: Reader, rankOffset: number | null): string {
  const other: RingListQuery['kind'] = query.kind === 'complaintCampaign' ? 'sharedOperator' : 'complaintCampaign';
  const rows = list.rings.map((r, i) => {
    const view = `/v1/rings/${encodeURIComponent(r.id)}/view`;
    const tools = r.tools.map((t) => `${e(t.kind)} ${e(t.id)} (${e(t.members)})`).join(', ');
    return (
      `<tr><td class="num">${rankOffset === null ? '' : rankOffset + i + 1}</td><td><a href="${e(view)}">${e(r.id)}</a></td><td>${scoreBar(r.score)}</td>` +
      `<td class="num">${e(r.size)}</td><td class="num">${e(r.operated)}</td><td>${r.topSignals.map((s) => `<span class="chip">${e(s)}</span>`).join(' ')}</td>` +
      `<td class="tools">${tools}</td><td>${r.review ? e(r.review.verdict) : '–'}</td>` +
      `<td class="links"><a href="${e(view)}">graph</a> · <a href="/v1/rings/${e(encodeURIComponent(r.id))}/evidence?format=html">evidence pack</a></td></tr>`
    );
  });
  const table = rows.length
    ? `<table class="rings"><thead><tr><th>#</th><th>Ring</th><th>Score</th><th>Members</th><th>Operated</th><th>Strongest signals</th><th>Top tools (members served)</th><th>Review</th><th></th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
    : `<p class="empty">No rings of this kind. Run an analysis first (npm run analyze, or POST /v1/analysis).</p>`;
  const nextLink = list.nextCursor ? `<p><a rel="next" href="${e(listUrl({ kind: query.kind, minScore: query.minScore, limit: query.limit, cursor: list.nextCursor }))}">Next ${e(query.limit)} rings →</a></p>` : '';
  const body =
    topBar(reader, ` <a href="${e(listUrl({ kind: other }))}">${e(KIND_TITLES[other])}</a>`) +
    `<main class="list"><h1>${e(KIND_TITLES[query.kind])}</h1><p class="meta">Highest score first. Open a ring to see its members, the agent's tools and the timeline as a graph.</p>${table}${nextLink}</main>`;
  return page(`${KIND_TITLES[query.kind]} · ringsight`, body);
}

/** The view's shell; the script reads the ring id from the body and fetches the graph and the ring through the API, with this session. */
export function ringViewPage(ringId: string, reader: Reader): string {
  const id = encodeURIComponent(ringId);
  const body =
    topBar(reader, ` <a href="/v1/rings?format=html">← all rings</a> <span class="ring-id">${e(ringId)}</span> <a href="/v1/rings/${e(id)}/evidence?format=html">evidence pack</a>`) +
    `<main class="ring-view"><section id="graph" aria-label="The ring as a graph"><p class="loading">Loading the ring…</p></section>` +
    `<aside id="panel" aria-live="polite"></aside><section id="timeline" aria-label="Timeline of complaints and calls"></section></main>` +
    `<noscript><p class="notice">The ring view draws the graph with JavaScript. Without it, read the evidence pack.</p></noscript>`;
  return page(`${ringId} · ringsight`, body, {
    bodyAttributes: ` class="view" data-ring-id="${e(ringId)}" data-masked="${reader.masked}" data-state="loading"`,
    script: 'ringView.js',
  });
}
