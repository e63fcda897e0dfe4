import { ROLE_COLORS, type PictureNode } from '../investigation/ringPicture';
import { el, svg } from './dom';

/**
 * The complaints and calls drawn in the graph, on a time axis: complaints above the line,
 * calls below. Dragging across it selects a period (a brush); the graph then shows only
 * that period's events and dims the members with none in it. A click without a drag, or
 * "show all", clears the period.
 */

const HEIGHT = 96;
const PAD = { left: 16, right: 16, top: 18, bottom: 22 };

export interface Timeline {
  /** Selects a period programmatically (epoch ms), as a drag would; null clears it. */
  brush(period: [number, number] | null): void;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function renderTimeline(host: HTMLElement, events: PictureNode[], onBrush: (period: [number, number] | null) => void, onToggleEvents: (show: boolean) => void): Timeline {
  const timed = events.filter((e) => e.at !== null).map((e) => ({ node: e, t: Date.parse(e.at!) })).filter((e) => !Number.isNaN(e.t));
  const toggle = el('input', { attrs: { type: 'checkbox', checked: '', 'data-testid': 'show-events' } });
  toggle.addEventListener('change', () => onToggleEvents(toggle.checked));
  const status = el('span', { class: 'status', attrs: { 'data-testid': 'timeline-status' } });
  const reset = el('button', { text: 'Show all', attrs: { type: 'button' } });
  const header = el('div', { class: 'timeline-head' }, el('label', {}, toggle, ' complaints and calls in the graph'), status, reset);
  if (timed.length === 0) {
    host.replaceChildren(header, el('p', { class: 'meta', text: 'No complaint or call of these members has a time.' }));
    return { brush: () => undefined };
  }
  const min = Math.min(...timed.map((e) => e.t));
  const max = Math.max(...timed.map((e) => e.t));
  const span = Math.max(max - min, 86_400_000);
  const width = Math.max(host.clientWidth - 8, 320);
  const x = (t: number) => PAD.left + ((t - min) / span) * (width - PAD.left - PAD.right);
  const timeAt = (px: number) => min + ((px - PAD.left) / (width - PAD.left - PAD.right)) * span;
  const mid = PAD.top + (HEIGHT - PAD.top - PAD.bottom) / 2;

  const ticks = timed.map(({ node, t }) =>
    svg('line', { x1: x(t), x2: x(t), y1: node.role === 'complaint' ? PAD.top : mid + 2, y2: node.role === 'complaint' ? mid - 2 : HEIGHT - PAD.bottom, stroke: node.role === 'complaint' ? ROLE_COLORS.complaint : ROLE_COLORS.call, 'stroke-width': 2, opacity: 0.8 }),
  );
  const labels = [min, min + span / 2, min + span].map((t, i) => svg('text', { x: x(t), y: HEIGHT - 6, 'text-anchor': ['start', 'middle', 'end'][i]!, class: 'axis' }));
  labels.forEach((label, i) => (label.textContent = day([min, min + span / 2, min + span][i]!)));
  const band = svg('rect', { x: 0, y: PAD.top - 4, width: 0, height: HEIGHT - PAD.top - PAD.bottom + 8, class: 'brush', visibility: 'hidden' });
  const area = svg(
    'svg',
    { width, height: HEIGHT, class: 'timeline', 'data-testid': 'timeline' },
    svg('line', { x1: PAD.left, x2: width - PAD.right, y1: mid, y2: mid, stroke: '#9aa3ad' }),
    svg('text', { x: PAD.left, y: 12, class: 'axis' }),
    ...ticks,
    ...labels,
    band,
  );
  (area.childNodes[1] as SVGTextElement).textContent = 'complaints ▲  calls ▼';
  host.replaceChildren(header, area);

  const complaints = timed.filter((e) => e.node.role === 'complaint').length;
  const describe = (period: [number, number] | null) => {
    const inside = period ? timed.filter((e) => e.t >= period[0] && e.t <= period[1]) : timed;
    const c = inside.filter((e) => e.node.role === 'complaint').length;
    status.textContent = period
      ? `${c} complaints and ${inside.length - c} calls from ${day(period[0])} to ${day(period[1])}`
      : `${complaints} complaints and ${timed.length - complaints} calls, ${day(min)} to ${day(max)}`;
  };
  const apply = (period: [number, number] | null) => {
    if (period) {
      band.setAttribute('x', String(x(period[0])));
      band.setAttribute('width', String(Math.max(x(period[1]) - x(period[0]), 1)));
      band.setAttribute('visibility', 'visible');
    } else band.setAttribute('visibility', 'hidden');
    describe(period);
    onBrush(period);
  };
  describe(null);
  reset.addEventListener('click', () => apply(null));

  let start: number | null = null;
  const px = (event: PointerEvent) => event.clientX - area.getBoundingClientRect().left;
  area.addEventListener('pointerdown', (event) => {
    start = px(event);
    area.setPointerCapture(event.pointerId);
  });
  area.addEventListener('pointermove', (event) => {
    if (start === null) return;
    const [a, b] = [start, px(event)].sort((p, q) => p - q) as [number, number];
    band.setAttribute('x', String(a));
    band.setAttribute('width', String(b - a));
    band.setAttribute('visibility', 'visible');
  });
  area.addEventListener('pointerup', (event) => {
    if (start === null) return;
    const [a, b] = [start, px(event)].sort((p, q) => p - q) as [number, number];
    start = null;
    apply(b - a < 3 ? null : [timeAt(a), timeAt(b)]);
  });
  return { brush: apply };
}
