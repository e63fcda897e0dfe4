import { runAnalysis, type AnalysisRequest } from '../../../src/analysis/runAnalysis';
import { alertsOnRingsReplaced } from '../../../src/alerts/raiseAlerts';
import { ALERT_DEFAULTS } from '../../../src/alerts/riskEvents';
import { Neo4jAlertStore } from '../../../src/neo4j/alertStore';
import { Neo4jAnalysisStore } from '../../../src/neo4j/analysisStore';
import type { GraphDatabase } from '../../../src/neo4j/graphDatabase';

/** One analysis run that raises its alerts, as the server's runs do; a failure to raise them fails the test instead of being logged. */
export async function analyseWithAlerts(db: GraphDatabase, request: AnalysisRequest = { options: { seed: 1 } }, deliver = false) {
  let failure: Error | null = null;
  const summary = await runAnalysis(new Neo4jAnalysisStore(db), request, undefined, undefined, alertsOnRingsReplaced(new Neo4jAlertStore(db, deliver), ALERT_DEFAULTS, (e) => (failure = e)));
  if (failure) throw failure;
  return summary;
}
