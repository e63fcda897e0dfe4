import { Router, type Response } from 'express';
import { browserGuide, browserStyle } from '../../neo4j/localServer';

/**
 * ringsight's Neo4j Browser guide and style, for an analyst's own Neo4j: its Browser
 * fetches them from here (`:guide http://<api>/neo4j-browser/guide.html`), cross-origin,
 * so these two files allow any origin. They hold queries and colours, no data, and need
 * no key. (The project's own Neo4j serves the same files itself, see localServer.ts.)
 */
export function neo4jBrowserFilesRouter(): Router {
  const router = Router();
  const cors = (res: Response) => res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET', 'Cache-Control': 'no-cache' });
  // Browser sends no-cache headers with a guide request, and its error tracing adds its
  // own; any header may come, since nothing here depends on one and no cookie is honoured.
  router.options(['/guide.html', '/ringsight.grass'], (req, res) =>
    void cors(res).set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'pragma, cache-control').status(204).end(),
  );
  router.get('/guide.html', (req, res) => {
    cors(res).type('html').send(browserGuide(`${req.protocol}://${req.get('host')}/neo4j-browser/ringsight.grass`));
  });
  router.get('/ringsight.grass', (_req, res) => {
    cors(res).type('text/plain').send(browserStyle());
  });
  return router;
}
