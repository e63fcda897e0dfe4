import { Router, type Request } from 'express';
import { z } from 'zod';
import type { CaseStore } from '../../cases/ports';
import { recordReview } from '../../cases/recordReview';
import { DossierCache } from '../../investigation/dossierCache';
import { evidencePack } from '../../investigation/evidencePack';
import { listRings } from '../../investigation/listRings';
import type { RingStore } from '../../investigation/ports';
import { ringDetail } from '../../investigation/ringDetail';
import { ringGraph } from '../../investigation/ringGraph';
import { ringMembers } from '../../investigation/ringMembers';
import { renderRingSvg } from '../../investigation/ringSvg';
import { PageQuerySchema, RingIdParamsSchema } from '../../investigation/schemas/common';
import { ReviewRequestSchema } from '../../investigation/schemas/review';
import { RingListQuerySchema } from '../../investigation/schemas/ring';
import { requireRole } from '../authentication';
import { renderEvidencePack } from '../evidencePackHtml';
import { jsonBody } from '../jsonBody';
import { PAGE_CSP, ringListPage } from '../viewPages';
import { authenticatedPrincipal, noteRecords, parseInput, redactorFor, sendRecords } from '../requestContext';

export const EvidenceQuerySchema = z.strictObject({ format: z.enum(['json', 'html']).optional() });

/** `?format=html`, or a client (a browser) that prefers HTML to JSON; JSON otherwise. */
const wantsHtml = (req: Request, format: 'json' | 'html' | undefined) =>
  format === 'html' || (format === undefined && req.accepts(['application/json', 'text/html']) === 'text/html');

export function ringsRouter(store: RingStore, cases: CaseStore): Router {
  const router = Router();
  const dossiers = new DossierCache(store);
  router.get('/rings', async (req, res) => {
    const query = parseInput(RingListQuerySchema, req.query, 'query');
    const list = await listRings(store, redactorFor(res), query);
    if (!wantsHtml(req, query.format)) return sendRecords(res, list, list.rings.length);
    noteRecords(res, list.rings.length);
    const reader = { role: authenticatedPrincipal(res).role, masked: redactorFor(res).masked };
    res.type('html').vary('Accept').set('Content-Security-Policy', PAGE_CSP).send(ringListPage(list, query, reader, query.cursor ? null : 0));
  });
  router.get('/rings/:id', async (req, res) => {
    const { id } = parseInput(RingIdParamsSchema, req.params, 'params');
    const ring = await ringDetail(dossiers, redactorFor(res), id);
    sendRecords(res, ring, 1);
  });
  router.get('/rings/:id/members', async (req, res) => {
    const { id } = parseInput(RingIdParamsSchema, req.params, 'params');
    const page = await ringMembers(store, redactorFor(res), id, parseInput(PageQuerySchema, req.query, 'query'));
    sendRecords(res, page, page.members.length);
  });
  router.get('/rings/:id/graph', async (req, res) => {
    const { id } = parseInput(RingIdParamsSchema, req.params, 'params');
    const graph = await ringGraph(store, redactorFor(res), id);
    sendRecords(res, graph, graph.nodes.length);
  });
  router.get('/rings/:id/evidence', async (req, res) => {
    const { id } = parseInput(RingIdParamsSchema, req.params, 'params');
    const { format } = parseInput(EvidenceQuerySchema, req.query, 'query');
    const pack = await evidencePack(dossiers, redactorFor(res), id);
    if (!wantsHtml(req, format)) return sendRecords(res, pack, pack.members.length);
    const graph = await ringGraph(store, redactorFor(res), id);
    noteRecords(res, pack.members.length);
    const picture = renderRingSvg(graph, { title: `Ring ${pack.id}: ${pack.membersTotal} members, score ${pack.score.toFixed(2)}` });
    res.type('html').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(renderEvidencePack(pack, picture));
  });
  router.post('/rings/:id/reviews', requireRole('investigator'), ...jsonBody({ required: true }), async (req, res) => {
    const { id } = parseInput(RingIdParamsSchema, req.params, 'params');
    // A review is the verdict of the ring's case: it opens or updates the case in the same transaction (cases/recordReview.ts).
    const review = await recordReview(cases, authenticatedPrincipal(res), id, parseInput(ReviewRequestSchema, req.body, 'body'));
    res.location(`/v1/rings/${encodeURIComponent(id)}`);
    sendRecords(res, review, 1, 201);
  });
  return router;
}
