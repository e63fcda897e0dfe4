import type { RequestHandler, Router } from 'express';
import { AppError } from '../errors';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Adds, after a router's routes, a 405 with an Allow header for every other method on
 * the same paths: `DELETE /v1/rings` is a method this path does not take, not a path
 * that does not exist. OPTIONS answers the Allow header itself.
 */
export function rejectOtherMethods(router: Router): Router {
  const allowed = new Map<string, Set<string>>();
  for (const layer of router.stack as RouteLayer[]) {
    if (!layer.route) continue;
    const methods = allowed.get(layer.route.path) ?? new Set<string>();
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
    if (methods.has('GET')) methods.add('HEAD');
    allowed.set(layer.route.path, methods);
  }
  for (const [path, methods] of allowed) {
    const allow = [...methods].sort().join(', ');
    const handler: RequestHandler = (req, res, next) => {
      res.set('Allow', allow);
      if (req.method === 'OPTIONS') return void res.status(204).end();
      next(new AppError(405, 'method_not_allowed', `${req.method} is not supported here; this path takes ${allow}`));
    };
    router.all(path, handler);
  }
  return router;
}
