import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AnalysisRequestSchema } from '../analysis/analysisRuns';
import { AuditPageSchema, AuditQuerySchema } from '../audit/auditEvent';
import { IngestBatchSchema } from '../contract/ingestBatch';
import { PageQuerySchema, RingIdParamsSchema } from '../investigation/schemas/common';
import {
  BorrowerParamsSchema, BorrowerViewSchema, DeviceParamsSchema, IdentifierViewSchema, PhoneParamsSchema, SearchQuerySchema, SearchResultSchema,
} from '../investigation/schemas/entity';
import { ReviewRequestSchema, ReviewSchema } from '../investigation/schemas/review';
import { MemberPageSchema, RingListQuerySchema, RingListSchema } from '../investigation/schemas/ring';
import { EvidencePackSchema, RingDetailSchema, RingGraphSchema } from '../investigation/schemas/ringDetail';
import { AlertIdParamsSchema, AlertListQuerySchema, AlertListSchema, AlertViewSchema } from '../alerts/schemas';
import { CaseDetailSchema, CaseIdParamsSchema, CaseListQuerySchema, CaseListSchema, CaseUpdateRequestSchema } from '../cases/schemas';
import { AnalysisListQuerySchema, AnalysisListSchema } from './routes/analysis';
import { EvidenceQuerySchema } from './routes/rings';
import { ViewLinkRequestSchema, ViewLinkSchema } from './routes/views';

/** The one error shape every failure has. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const failure = (description: string) => json(ErrorBodySchema, description);

/** Every route with a JSON body can also answer these. */
const BODY_FAILURES = {
  413: failure('Body over the 16 MiB limit'),
  415: failure('The body is not sent as application/json'),
};

/**
 * The canonical form of a phone in a path: E.164 for mainland mobile prefixes that are
 * always valid. The API also takes any format the ingest contract accepts (national,
 * spaced, other countries); this pattern is what a client can rely on without checking.
 */
export const DOCUMENTED_PHONE_PATTERN = '^\\+861(?:3\\d|5[0-35-9]|8\\d)\\d{8}$';
const DocumentedPhoneParams = z.strictObject({
  number: PhoneParamsSchema.shape.number.meta({ pattern: DOCUMENTED_PHONE_PATTERN, example: '+8613800000000' }),
});

const requiredJson = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

const COMMON_FAILURES = {
  400: failure('Invalid parameters; details name each failing one'),
  401: failure('No valid API key'),
  403: failure('The key\'s role may not do this'),
  429: failure('Rate limit exceeded'),
  503: failure('Neo4j cannot be reached, or is too busy with overlapping writes; see Retry-After'),
};

type Route = Omit<RouteConfig, 'responses' | 'security'> & { role: 'viewer' | 'investigator' | 'admin'; ok: RouteConfig['responses'] };

const ROUTES: Route[] = [
  {
    method: 'get', path: '/v1/rings', role: 'viewer', summary: 'Suspected rings, highest score first (JSON, or a ranked page for a browser with ?format=html or Accept: text/html)', request: { query: RingListQuerySchema },
    ok: {
      200: { description: 'One page of rings', content: { 'application/json': { schema: RingListSchema }, 'text/html': { schema: z.string() } } },
      409: failure('The cursor was issued for an earlier analysis run; start again without it'),
    },
  },
  {
    method: 'get', path: '/v1/rings/{id}/view', role: 'viewer', summary: 'The ring view: a page that draws the ring\'s graph in a browser (open it with a session from POST /v1/view-links or the sign-in form)',
    request: { params: RingIdParamsSchema },
    ok: { 200: { description: 'The page; its script reads /v1/rings/{id}, /graph and /members with the same session', content: { 'text/html': { schema: z.string() } } }, 404: failure('No such ring') },
  },
  {
    method: 'post', path: '/v1/view-links', role: 'viewer', summary: 'A single-use link (15 minutes) that signs a browser in with your role and opens the ring list or a ring\'s view',
    description: 'The link carries a signed ticket, never the key; the server exchanges it for a session cookie and redirects to a clean URL.',
    request: { body: { content: { 'application/json': { schema: ViewLinkRequestSchema } } } },
    ok: { 201: json(ViewLinkSchema, 'The link'), 404: failure('No such ring'), ...BODY_FAILURES },
  },
  { method: 'get', path: '/v1/rings/{id}', role: 'viewer', summary: 'One ring in full', request: { params: RingIdParamsSchema }, ok: { 200: json(RingDetailSchema, 'The ring'), 404: failure('No such ring') } },
  { method: 'get', path: '/v1/rings/{id}/members', role: 'viewer', summary: 'A ring\'s members, paginated', request: { params: RingIdParamsSchema, query: PageQuerySchema }, ok: { 200: json(MemberPageSchema, 'One page of members'), 404: failure('No such ring') } },
  { method: 'get', path: '/v1/rings/{id}/graph', role: 'viewer', summary: 'The ring\'s evidence subgraph for visualisation', request: { params: RingIdParamsSchema }, ok: { 200: json(RingGraphSchema, 'Nodes and edges'), 404: failure('No such ring') } },
  {
    method: 'get', path: '/v1/rings/{id}/evidence', role: 'viewer', summary: 'Evidence pack (JSON, or printable HTML with Accept: text/html or ?format=html)',
    request: { params: RingIdParamsSchema, query: EvidenceQuerySchema },
    ok: { 200: { description: 'The evidence pack', content: { 'application/json': { schema: EvidencePackSchema }, 'text/html': { schema: z.string() } } }, 404: failure('No such ring') },
  },
  {
    method: 'post', path: '/v1/rings/{id}/reviews', role: 'investigator', summary: 'Record a verdict on a ring (kept across analysis runs)',
    request: { params: RingIdParamsSchema, body: requiredJson(ReviewRequestSchema) },
    ok: { 201: json(ReviewSchema, 'The stored review'), 404: failure('No such ring'), 409: failure("The ring's case is closed: reopen it (PATCH /v1/cases/{id}) before recording a verdict"), ...BODY_FAILURES },
  },
  { method: 'get', path: '/v1/borrowers/{id}', role: 'viewer', summary: 'A borrower, their identifiers, rings and evidence paths', request: { params: BorrowerParamsSchema }, ok: { 200: json(BorrowerViewSchema, 'The borrower'), 404: failure('No such borrower') } },
  { method: 'get', path: '/v1/phones/{number}', role: 'viewer', summary: 'Who uses a phone, in which rings, and how', request: { params: DocumentedPhoneParams }, ok: { 200: json(IdentifierViewSchema, 'The phone'), 404: failure('No such phone') } },
  { method: 'get', path: '/v1/devices/{id}', role: 'viewer', summary: 'Who uses a device, in which rings, and how', request: { params: DeviceParamsSchema }, ok: { 200: json(IdentifierViewSchema, 'The device'), 404: failure('No such device') } },
  { method: 'get', path: '/v1/search', role: 'viewer', summary: 'Search by borrower id, phone, device id or name (name: investigators only)', request: { query: SearchQuerySchema }, ok: { 200: json(SearchResultSchema, 'Matches') } },
  {
    method: 'get', path: '/v1/alerts', role: 'viewer', summary: 'Alerts raised by analysis runs, last raised first (poll with since= the time of your last poll)',
    description: 'One open alert per ring (case) and reason: an event of the same kind on a ring whose alert is still open updates it (raisedAt, occurrences) rather than adding another.',
    request: { query: AlertListQuerySchema }, ok: { 200: json(AlertListSchema, 'One page of alerts') },
  },
  { method: 'get', path: '/v1/alerts/{id}', role: 'viewer', summary: 'One alert', request: { params: AlertIdParamsSchema }, ok: { 200: json(AlertViewSchema, 'The alert'), 404: failure('No such alert') } },
  { method: 'get', path: '/v1/cases', role: 'viewer', summary: 'Cases, last changed first, by status and assignee', request: { query: CaseListQuerySchema }, ok: { 200: json(CaseListSchema, 'One page of cases') } },
  { method: 'get', path: '/v1/cases/{id}', role: 'viewer', summary: 'One case with its ring, open alerts and history', request: { params: CaseIdParamsSchema }, ok: { 200: json(CaseDetailSchema, 'The case'), 404: failure('No such case') } },
  {
    method: 'patch', path: '/v1/cases/{id}', role: 'investigator', summary: 'Work a case: change its status, assign it, add a note',
    description: 'Statuses move freely among open, investigating, confirmed and dismissed, and any case can be closed; a closed case takes a verdict only after it is reopened. A status change closes the case\'s open alerts; confirmed, dismissed and investigating are also recorded as a review of the ring.',
    request: { params: CaseIdParamsSchema, body: requiredJson(CaseUpdateRequestSchema) },
    ok: { 200: json(CaseDetailSchema, 'The case as it now is'), 404: failure('No such case'), 409: failure('The transition is not allowed, or the case changed since ifVersion'), ...BODY_FAILURES },
  },
  { method: 'get', path: '/v1/audit', role: 'admin', summary: 'The audit trail, newest first', request: { query: AuditQuerySchema }, ok: { 200: json(AuditPageSchema, 'One page of events') } },
  {
    method: 'post', path: '/v1/ingest', role: 'admin', summary: 'Ingest one batch (all-or-nothing, idempotent)',
    request: { body: requiredJson(IngestBatchSchema) },
    ok: {
      200: { description: 'Counts received and written', content: { 'application/json': { schema: z.object({ received: z.record(z.string(), z.number()), written: z.record(z.string(), z.number()) }) } } },
      409: failure('An event in the batch is already stored for another borrower, channel, phone, device or voice; nothing was written'),
      ...BODY_FAILURES,
    },
  },
  {
    method: 'post', path: '/v1/analysis', role: 'admin', summary: 'Start an analysis run in the background',
    request: { body: { content: { 'application/json': { schema: AnalysisRequestSchema } } } },
    ok: { 202: json(z.object({ runId: z.string(), status: z.string() }), 'Started'), 409: failure('A run is already in progress'), ...BODY_FAILURES },
  },
  {
    method: 'get', path: '/v1/analysis', role: 'admin', summary: 'The latest runs (started by a request or by the schedule), the one in progress, and the schedule',
    request: { query: AnalysisListQuerySchema }, ok: { 200: json(AnalysisListSchema, 'Runs, newest first') },
  },
  {
    method: 'get', path: '/v1/analysis/{runId}', role: 'admin', summary: 'Status of a run started by this server',
    request: { params: z.object({ runId: z.string() }) },
    ok: { 200: json(z.object({ runId: z.string(), status: z.string() }).loose(), 'Run status'), 404: failure('Unknown run') },
  },
];

function buildDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'API key from API_KEYS. viewer: masked personal data; investigator: full data and reviews; admin: also ingest, analysis and audit.',
  });
  for (const { role, ok, ...route } of ROUTES) {
    registry.registerPath({
      ...route,
      description: `Role: ${role} or above.${route.description ? ` ${route.description}` : ''}`,
      security: [{ [bearer.name]: [] }],
      responses: { ...COMMON_FAILURES, ...ok },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ringsight investigator API',
      version: '1.0.0',
      description: 'Rings of proxy rights-protection fraud found in the lending data, with the evidence behind each, for investigators and analysts.',
    },
    servers: [{ url: '/' }],
  });
}

/**
 * zod's .int() means a safe integer, but the generator writes a bare `type: integer`, which
 * promises any size; every integer schema gets the bounds zod actually enforces.
 */
function boundIntegers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(boundIntegers);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.type === 'integer') {
    schema.minimum ??= Number.MIN_SAFE_INTEGER;
    schema.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  Object.values(schema).forEach(boundIntegers);
}

let cached: ReturnType<typeof buildDocument> | null = null;

/** Built once from the zod schemas the handlers validate with, so the document cannot drift from the code. */
export const openApiDocument = () => {
  if (!cached) {
    cached = buildDocument();
    boundIntegers(cached);
  }
  return cached;
};
