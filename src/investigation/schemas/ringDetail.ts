import { z } from 'zod';
import { CampaignSchema, RingLineageSchema, RingSchema, RingToolSchema } from '../../contract/ring';
import { EdgeSchema, IsoDateTime } from './common';
import { MemberDetailSchema, RunSchema, SignalViewSchema } from './ring';
import { ReviewSchema } from './review';
import { AmountsSchema, ChannelSchema, TimelineEventSchema } from './timeline';

export const RingDetailSchema = RingSchema.pick({ id: true, kind: true, score: true, suspected: true, size: true, operated: true })
  .extend({
    signals: z.array(SignalViewSchema).meta({ description: 'Every signal, strongest contribution first; contributions sum to the score; unobserved signals say why' }),
    members: z.array(MemberDetailSchema),
    membersTotal: z.number().int(),
    tools: z.array(RingToolSchema),
    campaign: CampaignSchema,
    timeline: z.array(TimelineEventSchema).meta({ description: 'Complaints and calls of the members, oldest first' }),
    timelineTotal: z.number().int(),
    channels: z.array(ChannelSchema),
    amounts: AmountsSchema,
    reviews: z.array(ReviewSchema).meta({ description: 'Newest first' }),
    run: RunSchema,
    lineage: RingLineageSchema,
    maskedPersonalData: z.boolean().meta({ description: 'Names, phone numbers and id hashes are masked, and free texts withheld, for this reader' }),
  })
  .meta({ id: 'RingDetail' });
export type RingDetail = z.infer<typeof RingDetailSchema>;

export const EvidencePackSchema = RingDetailSchema.extend({
  generatedAt: IsoDateTime,
  scoreExplanation: z.string(),
  unobserved: z.array(z.object({ signal: z.string(), because: z.string() })).meta({ description: 'Signals the records could not show for this ring, and why; the score is taken over the others' }),
  voiceMismatches: z.array(TimelineEventSchema).meta({ description: 'Calls whose voice did not match the borrower' }),
  failedIdentityChecks: z.array(TimelineEventSchema).meta({ description: 'Calls whose identity verification failed' }),
}).meta({ id: 'EvidencePack' });
export type EvidencePack = z.infer<typeof EvidencePackSchema>;

const Attribute = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const GraphNodeSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    type: z.string().meta({ description: 'The node label in the graph: Ring, Borrower, Phone, Device, Voiceprint, AdSource, CampaignTemplate, Complaint, Call, ComplaintChannel' }),
    attributes: z.record(z.string(), Attribute).meta({
      description:
        'Members: borrowerId, role (operated | peripheral), weight. Tools of the ring: tool (true), toolKind, rank, members (ring members it serves), degree (borrowers in all the data). ' +
        'Identifiers the ring\'s run set aside as hubs: hub (cut | downweighted), hubDegree, hubLimit, hubUsage, hubReason. Complaints: filedAt, claim. Calls: at, voiceMatch, identityVerified.',
    }),
  })
  .meta({ id: 'GraphNode' });
export type GraphNode = z.infer<typeof GraphNodeSchema>;

export const RingGraphSchema = z
  .object({
    ringId: z.string(),
    nodes: z.array(GraphNodeSchema),
    edges: z.array(EdgeSchema).meta({ description: 'Stored relationships, plus Ring USES_TOOL to each tool and Borrower FILED_CAMPAIGN_TEXT to the campaign template whose text the member filed' }),
    truncated: z.boolean().meta({ description: 'True when the size bound cut the subgraph' }),
    maxNodes: z.number().int(),
  })
  .meta({ id: 'RingGraph' });
export type RingGraph = z.infer<typeof RingGraphSchema>;
