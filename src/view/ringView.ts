import { ringPicture } from '../investigation/ringPicture';
import { el } from './dom';
import { drawRing, type GraphCanvas } from './graphCanvas';
import { renderPanel } from './panel';
import { ApiError, loadRing } from './ringData';
import { renderTimeline } from './timeline';

/**
 * The ring view: loads the ring through the API with the browser's session, draws its
 * graph, and wires the panel (click a node, read why) and the timeline (drag a period,
 * see only its complaints and calls). The page's `data-state` goes loading → ready (or
 * failed), and `window.ringView` exposes what was drawn where, read-only, for the
 * browser tests and for anyone debugging a picture.
 */

declare global {
  interface Window {
    ringView?: { nodesOnScreen: GraphCanvas['nodesOnScreen']; brush(period: [number, number] | null): void };
  }
}

async function main(): Promise<void> {
  const body = document.body;
  const ringId = body.dataset.ringId ?? '';
  const graphHost = document.getElementById('graph')!;
  const panelHost = document.getElementById('panel')!;
  const timelineHost = document.getElementById('timeline')!;
  try {
    const data = await loadRing(ringId);
    const picture = ringPicture(data.graph, { events: true });
    graphHost.replaceChildren();
    if (data.graph.truncated) graphHost.append(el('p', { class: 'notice overlay', text: `Only the strongest part of this ring is drawn (at most ${data.graph.maxNodes} nodes); the evidence pack lists all of it.` }));
    const canvas = drawRing(graphHost, picture);
    const panel = renderPanel(panelHost, data, picture, (id) => canvas.graph.neighbors(id), () => canvas.select(null));
    canvas.onSelect((node) => panel.show(node));
    panel.show(null);
    const timeline = renderTimeline(
      timelineHost,
      picture.nodes.filter((n) => n.role === 'complaint' || n.role === 'call'),
      (period) => canvas.setPeriod(period),
      (show) => canvas.showEvents(show),
    );
    window.ringView = { nodesOnScreen: () => canvas.nodesOnScreen(), brush: (w) => timeline.brush(w) };
    await canvas.settled;
    body.dataset.state = 'ready';
  } catch (error) {
    const message = error instanceof ApiError && error.status === 401 ? 'Your session has ended: reload the page to sign in again.' : `The ring could not be drawn: ${(error as Error).message}`;
    graphHost.replaceChildren(el('p', { class: 'notice', text: message }));
    body.dataset.state = 'failed';
  }
}

void main();
