import type { MemberReason } from '../contract/ring';
import { ROLE_COLORS, ROLE_WORDS, TOOL_COLORS, rolesIn, type PictureRole, type RingPicture } from '../investigation/ringPicture';
import type { Member } from '../investigation/schemas/ring';
import type { GraphNode, RingDetail } from '../investigation/schemas/ringDetail';
import { el } from './dom';
import type { RingData } from './ringData';

/**
 * The side panel: what the ring is and why it scores what it does (every signal, and the
 * ones the records could not show, with why), and whatever the investigator clicked: a
 * member's reasons, a tool's members and their reasons, why a hub was cut, an event.
 * Sentences come from the API (worded once, in src/wording/ringWording.ts, and masked for
 * this reader); the panel only arranges them.
 */

const KIND_WORDS: Record<RingDetail['kind'], string> = {
  complaintCampaign: 'Complaint campaign: a suspected proxy-complaint gang',
  sharedOperator: 'Shared operator: one person handles several identities, with no complaint campaign',
};

const ROLE_LINES: Record<string, string> = {
  operated: 'operated: someone else demonstrably acted in this borrower\'s name',
  peripheral: 'peripheral: tied in by weaker means',
};

const TOOL_KIND_WORDS: Record<string, string> = { phone: 'phone', device: 'device', voice: 'voice', adSource: 'ad source', template: 'recruitment campaign text' };

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : 'not recorded');

function legend(picture: RingPicture): HTMLElement {
  const items = rolesIn(picture)
    .filter((r) => r !== 'tool')
    .map((r) => [ROLE_COLORS[r as Exclude<PictureRole, 'tool'>], ROLE_WORDS[r]] as const);
  const toolColors = new Set(picture.nodes.filter((n) => n.role === 'tool').map((n) => n.color));
  for (const [kind, color] of Object.entries(TOOL_COLORS)) if (toolColors.has(color)) items.push([color, `tool: ${TOOL_KIND_WORDS[kind]}`]);
  return el(
    'ul',
    { class: 'legend' },
    ...items.map(([color, words]) => {
      const dot = el('span', { class: 'dot' });
      dot.style.background = color;
      return el('li', {}, dot, words);
    }),
  );
}

function summary(detail: RingDetail): HTMLElement {
  const c = detail.campaign;
  return el(
    'section',
    { class: 'summary' },
    el('h1', { text: detail.id }),
    el('p', { class: 'kind', text: KIND_WORDS[detail.kind] }),
    el(
      'div',
      { class: 'figures' },
      el('div', {}, 'Score', el('b', { text: fmt(detail.score) })),
      el('div', {}, 'Members', el('b', { text: String(detail.membersTotal) })),
      el('div', {}, 'Operated', el('b', { text: String(detail.operated) })),
      el('div', {}, 'Complaints', el('b', { text: String(c.complaints) })),
    ),
    c.firstAt ? el('p', { class: 'meta', text: `${c.complainants} of ${detail.size} members complained, from ${c.firstAt.slice(0, 10)} to ${(c.lastAt ?? c.firstAt).slice(0, 10)}.` }) : null,
    detail.maskedPersonalData ? el('p', { class: 'notice', text: 'Names and phone numbers are masked, and complaint texts withheld, for your role.' }) : null,
  );
}

/** Every signal: observed ones by contribution, as bars that add up to the score; then those the records could not show, and why. */
function scoreBreakdown(detail: RingDetail): HTMLElement {
  const observed = detail.signals.filter((s) => s.observed);
  const unobserved = detail.signals.filter((s) => !s.observed);
  const rows = observed.map((s) => {
    const bar = el('span', { class: 'fill' });
    bar.style.width = `${detail.score > 0 ? (100 * s.contribution) / detail.score : 0}%`;
    return el(
      'li',
      { class: s.contribution > 0 ? 'signal' : 'signal none' },
      el('div', { class: 'head' }, el('span', { class: 'name', text: s.name }), el('span', { class: 'num', text: `+${fmt(s.contribution, 3)}` })),
      el('div', { class: 'track' }, bar),
      el('div', { class: 'desc', text: `${s.description} (value ${fmt(s.value ?? 0)} × weight ${fmt(s.weight)})` }),
    );
  });
  return el(
    'section',
    { class: 'breakdown' },
    el('h2', { text: `Why it scores ${fmt(detail.score)}` }),
    el('p', { class: 'meta', text: 'Each observed signal contributes value × weight; the contributions add up to the score.' }),
    el('ul', { class: 'signals' }, ...rows),
    el('h3', { text: `Could not be observed (${unobserved.length})` }),
    unobserved.length
      ? el('ul', { class: 'unobserved' }, ...unobserved.map((s) => el('li', {}, el('span', { class: 'name', text: s.name }), ` ${s.description}`)))
      : el('p', { class: 'meta', text: 'Every signal could be observed for this ring.' }),
    el('p', { class: 'meta', text: 'A signal that could not be observed counts neither for nor against the ring.' }),
  );
}

const citesTool = (fact: MemberReason, kind: string, id: string) => fact.kind === 'sharedIdentifier' && fact.identifier.kind === kind && fact.identifier.id === id;

function memberDetails(node: GraphNode, member: Member | undefined): HTMLElement[] {
  const role = String(node.attributes.role ?? '');
  return [
    el('p', { class: 'meta', text: `Borrower ${String(node.attributes.borrowerId)} · ${ROLE_LINES[role] ?? role} · tie weight ${fmt(Number(node.attributes.weight ?? 0))}` }),
    el('h3', { text: 'Why this member is in the ring' }),
    member && member.reasons.length
      ? el('ul', { class: 'reasons' }, ...member.reasons.map((r) => el('li', { text: r })))
      : el('p', { class: 'meta', text: 'No reason recorded for this member.' }),
  ];
}

function toolDetails(node: GraphNode, data: RingData, labelOf: (borrowerId: string) => string): HTMLElement[] {
  const a = node.attributes;
  const tool = data.detail.tools.find((t) => t.rank === a.rank);
  const citing = tool
    ? [...data.members.values()].flatMap((m) => m.facts.map((f, i) => (citesTool(f, tool.kind, tool.id) ? { m, reason: m.reasons[i] ?? '' } : null)).filter((x) => x !== null))
    : [];
  return [
    el('p', { class: 'meta', text: `The agent's ${TOOL_KIND_WORDS[String(a.toolKind)] ?? String(a.toolKind)}, rank ${String(a.rank)} of ${data.detail.tools.length}` }),
    el('p', { text: `Serves ${String(a.members)} of the ring's ${data.detail.membersTotal} members; ${String(a.degree)} borrowers in all the data.` }),
    el('h3', { text: `The members it ties in (${citing.length})` }),
    citing.length
      ? el('ul', { class: 'reasons' }, ...citing.map(({ m, reason }) => el('li', {}, el('b', { text: labelOf(m.borrowerId) }), `: ${reason}`)))
      : el('p', { class: 'meta', text: 'No member\'s reasons name it.' }),
  ];
}

function eventDetails(node: GraphNode, neighbours: GraphNode[]): HTMLElement[] {
  const a = node.attributes;
  const who = neighbours.filter((n) => n.type === 'Borrower').map((n) => n.label).join(', ');
  const via = neighbours.filter((n) => n.type !== 'Borrower').map((n) => `${n.type} ${n.label}`).join(', ');
  const lines =
    node.type === 'Complaint'
      ? [`Filed ${String(a.filedAt ?? 'at an unknown time')}`, `Claim: ${String(a.claim ?? 'not recorded')}`]
      : [`At ${String(a.at ?? 'an unknown time')}`, `Voice matched the borrower: ${yesNo(a.voiceMatch)}`, `Identity verified: ${yesNo(a.identityVerified)}`];
  return [el('ul', { class: 'facts' }, ...lines.map((l) => el('li', { text: l })), who ? el('li', { text: `Borrower: ${who}` }) : null, via ? el('li', { text: `Through: ${via}` }) : null)];
}

export interface Panel {
  show(nodeId: string | null): void;
}

export function renderPanel(host: HTMLElement, data: RingData, picture: RingPicture, neighboursOf: (id: string) => string[], onClear: () => void): Panel {
  const nodes = new Map(data.graph.nodes.map((n) => [n.id, n]));
  const labelOf = (borrowerId: string) => nodes.get(`Borrower:${borrowerId}`)?.label ?? borrowerId;
  const selection = el('section', { class: 'selection', attrs: { 'data-testid': 'selection' } });
  host.replaceChildren(summary(data.detail), selection, legend(picture), scoreBreakdown(data.detail));

  return {
    show(id) {
      const node = id ? nodes.get(id) : undefined;
      selection.replaceChildren();
      selection.classList.toggle('empty', !node);
      if (!node) {
        selection.append(el('p', { class: 'meta', text: 'Click a member or a tool to see why it is part of the ring. Drag across the timeline to show one period.' }));
        return;
      }
      const close = el('button', { class: 'close', text: '×', attrs: { 'aria-label': 'Clear the selection', type: 'button' } });
      close.addEventListener('click', onClear);
      const a = node.attributes;
      const heading = el('h2', {}, close, `${node.type === 'Borrower' ? 'Member' : node.type} ${node.label}`);
      let body: HTMLElement[];
      if (node.type === 'Borrower') body = memberDetails(node, data.members.get(String(a.borrowerId)));
      else if (a.tool === true) body = toolDetails(node, data, labelOf);
      else if (node.type === 'Complaint' || node.type === 'Call') body = eventDetails(node, neighboursOf(node.id).map((n) => nodes.get(n)!).filter(Boolean));
      else if (typeof a.hubReason === 'string') body = [el('p', { class: 'notice', text: `Set aside as a hub by the analysis (${String(a.hub)}): ${a.hubReason}.` })];
      else if (node.type === 'Ring') body = [el('p', { text: `Score ${fmt(Number(a.score ?? 0))}; ${data.detail.membersTotal} members.` })];
      else body = [el('p', { class: 'meta', text: `Not one of the agent's tools; tied to ${neighboursOf(node.id).filter((n) => n.startsWith('Borrower:')).length} member(s) in this picture.` })];
      selection.append(heading, ...body);
    },
  };
}
