import type { RequestHandler } from 'express';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RehearsalCounts } from '../analysis/analysisRuns';
import { routeOf } from './requestContext';

/**
 * One registry per app, so several apps in one process (tests) do not collide. `rehearsals`
 * reads the analysis thread's day rehearsals (dayRehearsal.ts) when metrics are scraped.
 */
export function createMetrics(rehearsals: () => RehearsalCounts): { registry: Registry; observe: RequestHandler } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ringsight_' });
  new Gauge({
    name: 'ringsight_day_rehearsals',
    help: 'Days this process rehearsed so Neo4j plans their statements early (every write rolled back), by outcome; running is 1 while one runs',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      for (const [outcome, count] of Object.entries(rehearsals())) this.set({ outcome }, count);
    },
  });
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
