import { z } from 'zod';

/**
 * An analysis run as it is stored and served: what ran (the effective options, every
 * default filled in, and the code version), how it ended, and what it found. A run can
 * be replayed from this record alone.
 */

export const RunStatusSchema = z.enum(['running', 'succeeded', 'failed']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const DetectionStatsSchema = z
  .object({
    borrowers: z.number().int(),
    links: z.number().int().meta({ description: 'Borrower–identifier incidences read from the evidence' }),
    identifiers: z.number().int(),
    recruitmentCampaigns: z.number().int().meta({ description: 'Near-duplicate complaints filed by recruits of one small ad source within one window' }),
    graphNodes: z.number().int(),
    graphEdges: z.number().int(),
    components: z.number().int(),
    communities: z.number().int(),
    campaigns: z.number().int().meta({ description: 'Communities that are complaint campaigns' }),
    suspected: z.number().int(),
    modularity: z.number(),
    timings: z.record(z.string(), z.number()).meta({ description: 'Milliseconds per detection stage, in the order they ran' }),
  })
  .meta({ id: 'DetectionStats' });
export type DetectionStats = z.infer<typeof DetectionStatsSchema>;

export const RunTimingsSchema = z.object({ read: z.number(), detect: z.number(), write: z.number(), total: z.number() }).meta({ id: 'RunTimings' });
export type RunTimings = z.infer<typeof RunTimingsSchema>;

export const AnalysisScopeSchema = z
  .object({
    mode: z.enum(['full', 'incremental']),
    reason: z.string().meta({ description: 'Why the run examined what it did' }),
    components: z.number().int().meta({ description: 'Components of the borrower graph large enough to hold a ring' }),
    analysedComponents: z.number().int().meta({ description: 'Components this run read and detected' }),
    keptRings: z.number().int().meta({ description: "The last run's rings left standing, their components unchanged" }),
    touchedBorrowers: z.number().int().nullable().meta({ description: 'Borrowers whose records were written since the last successful run, when known' }),
    planInputs: z
      .enum(['changes', 'whole'])
      .nullable()
      .meta({ description: "How the plan's inputs were read: the last run's brought up to date with what changed since (a server's runs after its first), or everything; null for runs recorded before this was noted" }),
  })
  .meta({ id: 'AnalysisScope' });
export type AnalysisScope = z.infer<typeof AnalysisScopeSchema>;

export const AnalysisRunSchema = z
  .object({
    id: z.string(),
    status: RunStatusSchema,
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    codeVersion: z.string().meta({ description: 'ringsight version and commit that ran it' }),
    options: z.record(z.string(), z.unknown()).meta({ description: 'The effective detection options, every default filled in' }),
    replayOf: z.string().nullable().meta({ description: 'The run whose options this one replayed' }),
    stats: DetectionStatsSchema.nullable(),
    timings: RunTimingsSchema.nullable(),
    written: z.number().int().nullable().meta({ description: 'Rings written: suspected gangs and shared-operator clusters' }),
    hubs: z.number().int().nullable(),
    scope: AnalysisScopeSchema.nullable().meta({ description: 'What the run examined: every component, or those changed since the last run' }),
    error: z.string().nullable(),
  })
  .meta({ id: 'AnalysisRun' });
export type AnalysisRun = z.infer<typeof AnalysisRunSchema>;
