import type Graph from 'graphology';
import { layOut, pictureGraph, type EdgeAttributes, type NodeAttributes } from './ringLayout';
import { EDGE_COLORS, ROLE_COLORS, ROLE_WORDS, TOOL_COLORS, ringPicture, rolesIn, type PictureRole, type RingPicture } from './ringPicture';
import type { RingGraph } from './schemas/ringDetail';

/**
 * A ring's evidence graph as a static SVG, rendered on the server for the evidence pack's
 * first page: paper cannot be clicked, so it shows members, tools and the identifiers that
 * tie them (complaints and calls folded into direct ties), with a legend. Every label is
 * escaped: names and ids come from the data, not from us.
 */

export const SVG_SIZE = { width: 760, height: 430, legend: 56, margin: 28 };

/** Labels stay readable up to about this many members; past it only tools and the ring are named. */
const MAX_LABELLED_MEMBERS = 40;

const DRAW_ORDER: PictureRole[] = ['hub', 'channel', 'identifier', 'complaint', 'call', 'tool', 'peripheral', 'operated', 'ring'];

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const fixed = (n: number) => (Math.round(n * 10) / 10).toString();

/** Scales graph coordinates into the drawing area, keeping the aspect ratio. */
function fitter(graph: Graph<NodeAttributes, EdgeAttributes>) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  graph.forEachNode((_n, a) => {
    minX = Math.min(minX, a.x); maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y); maxY = Math.max(maxY, a.y);
  });
  const { width, height, legend, margin } = SVG_SIZE;
  const spanX = Math.max(maxX - minX, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - legend - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2, offsetY = (height - legend - spanY * scale) / 2;
  // SVG's y grows downwards; graph y grows upwards, as sigma draws it.
  return (a: { x: number; y: number }) => ({ x: offsetX + (a.x - minX) * scale, y: height - legend - offsetY - (a.y - minY) * scale });
}

function legend(picture: RingPicture): string {
  const items: { color: string; words: string; faded?: boolean }[] = rolesIn(picture)
    .filter((r) => r !== 'tool')
    .map((r) => ({ color: ROLE_COLORS[r as Exclude<PictureRole, 'tool'>], words: ROLE_WORDS[r], faded: r === 'hub' }));
  const toolKinds = new Set(picture.nodes.filter((n) => n.role === 'tool').map((n) => n.color));
  for (const [kind, color] of Object.entries(TOOL_COLORS)) if (toolKinds.has(color)) items.push({ color, words: `tool: ${kind === 'adSource' ? 'ad source' : kind === 'template' ? 'campaign text' : kind}` });
  const perRow = 3;
  const top = SVG_SIZE.height - SVG_SIZE.legend + 10;
  return items
    .map((item, i) => {
      const x = 16 + (i % perRow) * 250, y = top + Math.floor(i / perRow) * 18;
      return `<circle cx="${x}" cy="${y}" r="5" fill="${item.color}"${item.faded ? ' opacity="0.5" stroke="#8d96a3" stroke-dasharray="2 2"' : ''}/><text x="${x + 10}" y="${y + 3.5}">${xml(item.words)}</text>`;
    })
    .join('');
}

export function renderRingSvg(graphData: RingGraph, options: { title: string }): string {
  const picture = ringPicture(graphData, { events: false });
  const graph = pictureGraph(picture, EDGE_COLORS);
  layOut(graph);
  const place = fitter(graph);
  const members = picture.nodes.filter((n) => n.role === 'operated' || n.role === 'peripheral').length;
  const labelled = (role: PictureRole) => role === 'ring' || role === 'tool' || ((role === 'operated' || role === 'peripheral') && members <= MAX_LABELLED_MEMBERS);

  const edges: string[] = [];
  graph.forEachEdge((_e, a, _s, _t, sa, ta) => {
    const p = place(sa), q = place(ta);
    const faint = sa.faded || ta.faded;
    edges.push(`<line x1="${fixed(p.x)}" y1="${fixed(p.y)}" x2="${fixed(q.x)}" y2="${fixed(q.y)}" stroke="${a.color}" stroke-width="${a.kind === 'ring' ? 0.6 : 1}"${faint ? ' stroke-dasharray="3 3" opacity="0.5"' : ''}/>`);
  });
  const nodes: string[] = [];
  const labels: string[] = [];
  const ordered = graph.nodes().sort((a, b) => DRAW_ORDER.indexOf(graph.getNodeAttribute(a, 'role')) - DRAW_ORDER.indexOf(graph.getNodeAttribute(b, 'role')));
  for (const id of ordered) {
    const a = graph.getNodeAttributes(id);
    const p = place(a);
    const r = a.size * 1.15;
    const style = a.faded ? ' opacity="0.45" stroke="#8d96a3" stroke-dasharray="2 2"' : ' stroke="#ffffff" stroke-width="1"';
    nodes.push(`<circle cx="${fixed(p.x)}" cy="${fixed(p.y)}" r="${fixed(r)}" fill="${a.color}"${style}><title>${xml(`${a.nodeType} ${a.label}`)}</title></circle>`);
    if (labelled(a.role)) labels.push(`<text x="${fixed(p.x + r + 2)}" y="${fixed(p.y + 3)}"${a.role === 'ring' ? ' font-weight="bold"' : ''}>${xml(a.label)}</text>`);
  }
  const { width, height } = SVG_SIZE;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="ring-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${xml(options.title)}" font-family="system-ui, 'Noto Sans CJK SC', sans-serif" font-size="10" fill="#222">` +
    `<title>${xml(options.title)}</title>` +
    `<g class="edges">${edges.join('')}</g><g class="nodes">${nodes.join('')}</g><g class="labels">${labels.join('')}</g>` +
    `<g class="legend" font-size="10">${legend(picture)}</g></svg>`
  );
}
