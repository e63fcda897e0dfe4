import { runAnalysis, type AnalysisRequest } from '../../../src/analysis/runAnalysis';
import { Neo4jAnalysisStore } from '../../../src/neo4j/analysisStore';
import type { GraphDatabase } from '../../../src/neo4j/graphDatabase';

/** One analysis run against the real adapter, as the CLI and the server run it. */
export const analyse = (db: GraphDatabase, request: AnalysisRequest = { options: { seed: 1 } }) => runAnalysis(new Neo4jAnalysisStore(db), request);
