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
  const cors = (res: Response) =>
    res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': 'pragma, cache-control, content-type', 'Cache-Control': 'no-cache' });
  router.options(['/guide.html', '/ringsight.grass'], (_req, res) => void cors(res).status(204).end());
  router.get('/guide.html', (req, res) => {
    cors(res).type('html').send(browserGuide(`${req.protocol}://${req.get('host')}/neo4j-browser/ringsight.grass`));
  });
  router.get('/ringsight.grass', (_req, res) => {
    cors(res).type('text/plain').send(browserStyle());
  });
  return router;
}
