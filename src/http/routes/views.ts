import { Router } from 'express';
import { z } from 'zod';
import type { RingStore } from '../../investigation/ports';
import { requireRing } from '../../investigation/ringMembers';
import { RingIdParamsSchema } from '../../investigation/schemas/common';
import { jsonBody } from '../jsonBody';
import { authenticatedPrincipal, noteRecords, parseInput, redactorFor, sendRecords } from '../requestContext';
import { ringViewPage, VIEW_CSP } from '../viewPages';
import type { ViewTickets } from '../viewTickets';

export const ViewLinkRequestSchema = z
  .strictObject({ ringId: RingIdParamsSchema.shape.id.optional().meta({ description: 'Open this ring\'s view; without it, the ranked ring list' }) })
  .meta({ id: 'ViewLinkRequest' });

export const ViewLinkSchema = z
  .object({
    url: z.string().meta({ description: 'Open in a browser within 15 minutes, once: it signs the browser in with your role and leads to the page' }),
    expiresAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'ViewLink' });

/** The ring view for people in a browser: its page, and the single-use links that sign a browser in. */
export function viewsRouter(store: RingStore, tickets: ViewTickets): Router {
  const router = Router();
  router.get('/rings/:id/view', async (req, res) => {
    const { id } = parseInput(RingIdParamsSchema, req.params, 'params');
    await requireRing(store, id);
    const principal = authenticatedPrincipal(res);
    noteRecords(res, 1);
    res.type('html').set('Content-Security-Policy', VIEW_CSP).send(ringViewPage(id, { role: principal.role, masked: redactorFor(res).masked }));
  });
  router.post('/view-links', ...jsonBody({ required: false }), async (req, res) => {
    const { ringId } = parseInput(ViewLinkRequestSchema, req.body, 'body');
    if (ringId) await requireRing(store, ringId);
    const { ticket, expiresAt } = tickets.issue(authenticatedPrincipal(res), ringId ?? null);
    const url = `${req.protocol}://${req.get('host')}/view/enter?ticket=${ticket}`;
    res.set('Cache-Control', 'no-store');
    sendRecords(res, { url, expiresAt: expiresAt.toISOString() }, 1, 201);
  });
  return router;
}
