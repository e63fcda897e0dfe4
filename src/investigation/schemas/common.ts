import { z } from 'zod';
import { CURSOR_PATTERN } from '../cursor';

/** Pages are small on purpose: the API serves people reading rings, not bulk export. */
export const MAX_PAGE_SIZE = 100;

export const Limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).meta({ description: `Page size, 1–${MAX_PAGE_SIZE}` });
export const Cursor = z
  .string()
  .min(1)
  .max(1200)
  .optional()
  .meta({ description: 'Cursor from the previous page\'s nextCursor: `<sort key>~<base64url id>[~<base64url scope>]`', pattern: CURSOR_PATTERN });
export const NextCursor = z.string().nullable().meta({ description: 'Pass as cursor to get the next page; null on the last page' });

export const PageQuerySchema = z.strictObject({ limit: Limit, cursor: Cursor });
export type PageQuery = z.infer<typeof PageQuerySchema>;

export const IsoDateTime = z.string().meta({ format: 'date-time' });

export const RingIdParamsSchema = z.strictObject({ id: z.string().min(1).max(200).meta({ description: 'Ring id, e.g. ring-f789fcf4' }) });

/** A node of the evidence graph as a visualisation library takes it; ids are `Type:key`. */
export const NodeRefSchema = z
  .object({
    id: z.string(),
    type: z.enum(['Ring', 'Borrower', 'Phone', 'Device', 'Voiceprint', 'AdSource', 'Complaint', 'Call', 'ComplaintChannel']),
    label: z.string(),
  })
  .meta({ id: 'NodeRef' });
export type NodeRef = z.infer<typeof NodeRefSchema>;

export const EdgeSchema = z.object({ source: z.string(), target: z.string(), type: z.string() }).meta({ id: 'Edge' });
export type Edge = z.infer<typeof EdgeSchema>;

/** How an entity reaches a ring, hop by hop (edges point the way the relationships do in the graph). */
export const EvidencePathSchema = z
  .object({ ringId: z.string(), summary: z.string(), nodes: z.array(NodeRefSchema), edges: z.array(EdgeSchema) })
  .meta({ id: 'EvidencePath' });
export type EvidencePath = z.infer<typeof EvidencePathSchema>;
