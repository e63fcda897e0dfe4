import express, { type Express, type RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { AnalysisRuns } from '../analysis/analysisRuns';
import { AuditTrail } from '../audit/auditTrail';
import { KeyRing, type ApiKey } from '../auth/apiKeys';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '../config';
import { AppError } from '../errors';
import type { EntityStore, RingStore } from '../investigation/ports';
import { Neo4jAnalysisStore } from '../neo4j/analysisStore';
import { Neo4jAuditStore } from '../neo4j/auditRepository';
import { Neo4jEntityStore } from '../neo4j/entityRepository';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { Neo4jRingStore } from '../neo4j/ringRepository';
import type { AlertStore } from '../alerts/ports';
import { ALERT_DEFAULTS } from '../alerts/riskEvents';
import type { CaseStore } from '../cases/ports';
import { Neo4jAlertStore } from '../neo4j/alertStore';
import { Neo4jCaseStore } from '../neo4j/caseStore';
import type { ScheduledAnalysis } from '../schedule/scheduledAnalysis';
import { auditRequests } from './auditRequests';
import { identify, requireKey } from './authentication';
import { errorHandler, notFound } from './errorHandler';
import { rejectOtherMethods } from './methodNotAllowed';
import { createMetrics } from './metrics';
import { openApiDocument } from './openApiDocument';
import { markMount, principalOf, routeOf } from './requestContext';
import { alertsRouter } from './routes/alerts';
import { analysisRouter } from './routes/analysis';
import { auditRouter } from './routes/audit';
import { casesRouter } from './routes/cases';
import { entitiesRouter } from './routes/entities';
import { ingestRouter } from './routes/ingest';
import { operationsRouter } from './routes/operations';
import { neo4jBrowserFilesRouter } from './routes/neo4jBrowserFiles';
import { ringsRouter } from './routes/rings';
import { signInForBrowsers, viewSignInRouter } from './routes/viewSignIn';
import { viewsRouter } from './routes/views';
import { ViewSessions } from './viewSessions';
import { ViewTickets } from './viewTickets';

export { MAX_BODY } from './jsonBody';

export interface AppDependencies {
  db: GraphDatabase;
  /** The API keys; without one the app refuses to be built (startServer's demo mode makes one up). */
  apiKeys?: readonly ApiKey[];
  logger?: Logger;
  analysisRuns?: AnalysisRuns;
  /** Pass one to flush and close it on shutdown; otherwise the app makes its own. */
  auditTrail?: AuditTrail;
  rateLimitPerMinute?: number;
  ringStore?: RingStore;
  entityStore?: EntityStore;
  alertStore?: AlertStore;
  caseStore?: CaseStore;
  /** The server's analysis schedule, shown to admins at GET /v1/analysis and told of every batch ingested here. */
  schedule?: ScheduledAnalysis | null;
  /** The ring view's single-use links and browser sessions; injectable so tests can turn the clock. */
  viewTickets?: ViewTickets;
  viewSessions?: ViewSessions;
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Structured logs with the route pattern and role, never the raw URL (phone numbers live in paths). */
function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => PROBES.has(req.url ?? '') },
    serializers: { req: (req: { id: unknown; method: string }) => ({ id: req.id, method: req.method }), res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    customProps: (req, res) => (res.writableFinished || res.headersSent ? { route: routeOf(req as express.Request, res as express.Response), role: principalOf(res as express.Response)?.role ?? 'anonymous' } : {}),
  });
}

function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => principalOf(res)?.keyFingerprint ?? ipKeyGenerator(req.ip ?? ''),
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', `More than ${perMinute} requests in a minute with this key; slow down and retry shortly.`)),
  });
}

export function createApp({
  db,
  apiKeys = [],
  logger = pino({ level: 'silent' }),
  analysisRuns = new AnalysisRuns(db.settings, new Neo4jAnalysisStore(db), logger, { settings: ALERT_DEFAULTS, deliver: false }),
  auditTrail = new AuditTrail(new Neo4jAuditStore(db), logger),
  rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE,
  ringStore = new Neo4jRingStore(db),
  entityStore = new Neo4jEntityStore(db),
  alertStore = new Neo4jAlertStore(db),
  caseStore = new Neo4jCaseStore(db),
  schedule = null,
  viewTickets = new ViewTickets(),
  viewSessions = new ViewSessions(),
}: AppDependencies): Express {
  const keys = new KeyRing(apiKeys);
  const metrics = createMetrics(() => analysisRuns.rehearsals);
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(metrics.observe);
  app.use(operationsRouter(db, metrics.registry));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' }, customSiteTitle: 'ringsight API' }));

  app.use('/neo4j-browser', neo4jBrowserFilesRouter());
  const limiter = rateLimiter(rateLimitPerMinute);
  // The browser's way in (single-use links, sign-in form) and the view's bundled assets.
  app.use('/view', markMount('/view'), auditRequests(auditTrail), limiter, viewSignInRouter(keys, viewTickets, viewSessions));

  // Authenticate first; each route checks its role before it parses a body (jsonBody), so
  // nobody without a key, or without the role, makes the server read 16 MiB. A person who
  // opens an API page in a browser without a session gets the sign-in page, not JSON.
  app.use('/v1', markMount('/v1'), auditRequests(auditTrail), identify(keys, viewSessions), limiter, signInForBrowsers, requireKey);
  const routers = [
    ringsRouter(ringStore, caseStore),
    viewsRouter(ringStore, viewTickets),
    entitiesRouter(entityStore),
    alertsRouter(alertStore),
    casesRouter(caseStore),
    auditRouter(auditTrail),
    ingestRouter(db, () => schedule?.recordsArrived()),
    analysisRouter(analysisRuns, schedule),
  ];
  app.use('/v1', ...routers.map(rejectOtherMethods));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
