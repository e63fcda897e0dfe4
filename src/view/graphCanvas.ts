import type Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import { layOut, layoutSettings, pictureGraph, type EdgeAttributes, type NodeAttributes } from '../investigation/ringLayout';
import { EDGE_COLORS, type PictureRole, type RingPicture } from '../investigation/ringPicture';

/**
 * The ring drawn with sigma.js (WebGL), laid out by ForceAtlas2: synchronously for a
 * ring of a few hundred nodes, which settles in a blink, and in a web worker for bigger
 * ones, so the page stays responsive while they settle. Selection, the timeline's period
 * and the events toggle are display state, applied by sigma's reducers without touching
 * the graph.
 */

/** Up to this many nodes the layout runs on the page; past it, in a worker. */
const SYNC_LAYOUT_MAX_NODES = 600;
/** How long the worker refines a big ring before it stops and the view counts as settled. */
const WORKER_LAYOUT_MS = 4_000;

const EVENT_ROLES = new Set<PictureRole>(['complaint', 'call', 'channel']);
/** A colour washed towards white: what is not selected, or not in the timeline's period, keeps its hue but steps back. */
function washed(color: string, amount = 0.75): string {
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!rgb) return '#e8ebee';
  return `#${rgb.slice(1).map((h) => Math.round(parseInt(h, 16) + (255 - parseInt(h, 16)) * amount).toString(16).padStart(2, '0')).join('')}`;
}

export interface NodeOnScreen {
  id: string;
  role: PictureRole;
  label: string;
  color: string;
  /** Centre in CSS pixels, relative to the graph's container. */
  x: number;
  y: number;
  hidden: boolean;
}

export interface GraphCanvas {
  graph: Graph<NodeAttributes, EdgeAttributes>;
  /** Resolves once the layout has stopped and the picture is drawn where it will stay. */
  settled: Promise<void>;
  onSelect(listener: (node: string | null) => void): void;
  select(node: string | null): void;
  /** Shows only the complaints and calls in [from, to] (epoch ms); null shows them all. */
  setPeriod(period: [number, number] | null): void;
  showEvents(show: boolean): void;
  nodesOnScreen(): NodeOnScreen[];
  kill(): void;
}

const timeOf = (attrs: NodeAttributes) => (attrs.at ? Date.parse(attrs.at) : NaN);

export function drawRing(container: HTMLElement, picture: RingPicture): GraphCanvas {
  const graph = pictureGraph(picture, EDGE_COLORS);
  let selected: string | null = null;
  let period: [number, number] | null = null;
  let eventsShown = true;
  const listeners: ((node: string | null) => void)[] = [];

  // Every member's name fits on screen up to a few dozen members; past that, sigma's label grid picks.
  const labelAllMembers = picture.nodes.filter((n) => n.role === 'operated' || n.role === 'peripheral').length <= 40;
  // Members with a complaint or call inside the timeline's period; the others are dimmed.
  let activeMembers: Set<string> | null = null;
  const inPeriod = (attrs: NodeAttributes) => {
    if (!period) return true;
    const t = timeOf(attrs);
    return !Number.isNaN(t) && t >= period[0] && t <= period[1];
  };
  const nodeHidden = (node: string, attrs: NodeAttributes) =>
    (EVENT_ROLES.has(attrs.role) && !eventsShown) || ((attrs.role === 'complaint' || attrs.role === 'call') && !inPeriod(attrs)) || (attrs.role === 'channel' && period !== null && !graph.someNeighbor(node, (_n, a) => (a.role === 'complaint') && inPeriod(a)));

  const nodeReducer = (node: string, attrs: NodeAttributes): Partial<NodeDisplayData> => {
    const shown: Partial<NodeDisplayData> & { zIndex: number } = { ...attrs, zIndex: attrs.role === 'operated' || attrs.role === 'peripheral' ? 3 : attrs.role === 'tool' || attrs.role === 'ring' ? 2 : 1 };
    if (nodeHidden(node, attrs)) return { ...shown, hidden: true };
    if (attrs.role === 'tool' || attrs.role === 'ring' || (labelAllMembers && (attrs.role === 'operated' || attrs.role === 'peripheral'))) shown.forceLabel = true;
    if (attrs.faded) shown.label = '';
    if (activeMembers && (attrs.role === 'operated' || attrs.role === 'peripheral') && !activeMembers.has(node)) shown.color = washed(attrs.color);
    if (selected) {
      if (node === selected) Object.assign(shown, { highlighted: true, forceLabel: true, zIndex: 4 });
      else if (graph.areNeighbors(node, selected)) shown.forceLabel = true;
      else Object.assign(shown, { color: washed(attrs.color), label: '' });
    }
    return shown;
  };

  const edgeReducer = (edge: string, attrs: EdgeAttributes): Partial<EdgeDisplayData> => {
    const [source, target] = graph.extremities(edge);
    const hidden =
      nodeHidden(source, graph.getNodeAttributes(source)) ||
      nodeHidden(target, graph.getNodeAttributes(target)) ||
      (attrs.kind === 'throughEvent' && eventsShown) ||
      (selected !== null && source !== selected && target !== selected);
    return { ...attrs, hidden };
  };

  // A small ring is laid out before the first frame, so it never visibly jumps.
  const small = graph.order <= SYNC_LAYOUT_MAX_NODES;
  if (small) layOut(graph);
  const renderer = new Sigma(graph, container, {
    nodeReducer,
    edgeReducer,
    zIndex: true,
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 5,
    labelFont: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
    labelSize: 12,
    defaultEdgeType: 'line',
    stagePadding: 40,
  });
  renderer.on('clickNode', ({ node }) => api.select(node));
  renderer.on('clickStage', () => api.select(null));
  renderer.on('enterNode', () => container.classList.add('pointing'));
  renderer.on('leaveNode', () => container.classList.remove('pointing'));

  let layout: FA2Layout | null = null;
  const settled = small
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
          layout = new FA2Layout(graph, { settings: layoutSettings(graph), getEdgeWeight: 'weight' });
          layout.start();
          setTimeout(() => {
            layout?.kill();
            layout = null;
            resolve();
          }, WORKER_LAYOUT_MS);
        });

  const api: GraphCanvas = {
    graph,
    settled: settled.then(() => new Promise<void>((resolve) => requestAnimationFrame(() => {
      renderer.refresh();
      requestAnimationFrame(() => resolve());
    }))),
    onSelect: (listener) => void listeners.push(listener),
    select(node) {
      selected = node;
      renderer.refresh({ skipIndexation: true });
      for (const listener of listeners) listener(node);
    },
    setPeriod(next) {
      period = next;
      activeMembers = null;
      if (next) {
        activeMembers = new Set();
        graph.forEachNode((node, attrs) => {
          if ((attrs.role === 'complaint' || attrs.role === 'call') && inPeriod(attrs)) {
            graph.forEachNeighbor(node, (n, a) => {
              if (a.role === 'operated' || a.role === 'peripheral') activeMembers!.add(n);
            });
          }
        });
      }
      renderer.refresh({ skipIndexation: true });
    },
    showEvents(show) {
      eventsShown = show;
      renderer.refresh({ skipIndexation: true });
    },
    nodesOnScreen() {
      return graph.mapNodes((id, attrs) => {
        const shown = renderer.getNodeDisplayData(id);
        const at = renderer.graphToViewport({ x: attrs.x, y: attrs.y });
        return { id, role: attrs.role, label: attrs.label, color: attrs.color, x: at.x, y: at.y, hidden: !shown || nodeHidden(id, attrs) };
      });
    },
    kill() {
      (layout as FA2Layout | null)?.kill();
      renderer.kill();
    },
  };
  return api;
}
