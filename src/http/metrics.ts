import type { RequestHandler } from 'express';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeOf } from './requestContext';

/** One registry per app, so several apps in one process (tests) do not collide. */
export function createMetrics(): { registry: Registry; observe: RequestHandler } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ringsight_' });
  const duration = new Histogram({
    name: 'ringsight_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const observe: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => end({ method: req.method, route: routeOf(req, res), status: String(res.statusCode) }));
    next();
  };
  return { registry, observe };
}
