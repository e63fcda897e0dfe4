/**
 * One analysis of the graph in the database, in process, as `npm run analyze` runs it:
 * read → detect (the core's own stages) → write back. RSS is sampled on a timer and at
 * every progress callback (detection is synchronous, so the timer cannot fire inside it).
 */
import { runAnalysis } from '../src/analysis/runAnalysis';
import { Neo4jAnalysisStore } from '../src/neo4j/analysisStore';
import type { GraphDatabase } from '../src/neo4j/graphDatabase';

export interface AnalysisFigures {
  borrowers: number;
  graphNodes: number;
  graphEdges: number;
  communities: number;
  suspected: number;
  /** Milliseconds: read, write and total from runAnalysis; the rest from the detection core. */
  stages: Record<string, number>;
  louvainEdgesPerSecond: number;
  /** Highest RSS sampled during this analysis, and the process's peak so far (sizes run smallest first). */
  sampledRssMiB: number;
  maxRssMiB: number;
}

const rssMiB = () => Math.round(process.memoryUsage.rss() / 1024 / 1024);

export async function measureAnalysis(db: GraphDatabase, borrowers: number, onProgress: (stage: string, done: number, total: number) => void): Promise<AnalysisFigures> {
  let sampled = rssMiB();
  const sample = () => (sampled = Math.max(sampled, rssMiB()));
  const timer = setInterval(sample, 250);
  try {
    const summary = await runAnalysis(new Neo4jAnalysisStore(db), {}, (p) => {
      sample();
      onProgress(p.step ? `${p.stage}: ${p.step}` : p.stage, p.done, p.total);
    });
    sample();
    const core = summary.stats.timings;
    const stages: Record<string, number> = { read: summary.timings.read };
    for (const [stage, ms] of Object.entries(core)) stages[stage] = Math.round(ms);
    stages.write = summary.timings.write;
    stages.total = summary.timings.total;
    const louvainMs = core.communities ?? 0;
    return {
      borrowers,
      graphNodes: summary.stats.graphNodes,
      graphEdges: summary.stats.graphEdges,
      communities: summary.stats.communities,
      suspected: summary.suspected,
      stages,
      louvainEdgesPerSecond: louvainMs > 0 ? Math.round(summary.stats.graphEdges / (louvainMs / 1000)) : 0,
      sampledRssMiB: sampled,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    clearInterval(timer);
  }
}
