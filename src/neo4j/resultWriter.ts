import type { ManagedTransaction } from 'neo4j-driver';
import type { DetectionResult, PreviousRing, Ring } from '../detection';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { WRITE_CHUNK } from './ingestWriter';
import { int } from './values';

export interface AnalysisRunRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  parameters: Record<string, unknown>;
}

/** Rings from the last run, to keep ids stable. */
export async function readPreviousRings(db: GraphDatabase): Promise<PreviousRing[]> {
  return db.read(async (tx) => {
    const result = await tx.run(cypher('analysis/previousRings'));
    return result.records.map((r) => ({ id: r.get('id') as string, members: r.get('members') as string[] }));
  });
}

/** Neo4j properties are flat: nested explanations travel as JSON, key figures as their own properties. */
function ringProperties(ring: Ring, runId: string): Record<string, unknown> {
  const props: Record<string, unknown> = {
    id: ring.id,
    runId,
    score: ring.score,
    suspected: ring.suspected,
    size: int(ring.size),
    operated: int(ring.members.filter((m) => m.role === 'operated').length),
    topSignals: [...ring.signals].sort((a, b) => b.contribution - a.contribution).filter((s) => s.contribution > 0).slice(0, 3).map((s) => s.name),
    signalsJson: JSON.stringify(ring.signals),
    lineageJson: JSON.stringify(ring.lineage),
  };
  for (const s of ring.signals) props[`signal_${s.name}`] = s.value;
  return props;
}

async function inChunks<T>(tx: ManagedTransaction, statement: string, key: string, rows: T[], extra: Record<string, unknown> = {}) {
  for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
    await tx.run(cypher(statement), { ...extra, [key]: rows.slice(start, start + WRITE_CHUNK) });
  }
}

/** At most this many hubs are linked from a run; the rest are counted in its statistics. */
export const MAX_HUBS_WRITTEN = 2_000;

/**
 * Replaces the rings in the graph with this run's, all in one transaction: the run node,
 * suspected rings, their members and tools, and the hubs the run set aside.
 */
export async function writeAnalysisResult(db: GraphDatabase, run: AnalysisRunRecord, result: DetectionResult): Promise<void> {
  const rings = result.rings.filter((r) => r.suspected);
  const members = rings.flatMap((r) => r.members.map((m) => ({ ringId: r.id, borrowerId: m.borrowerId, role: m.role, weight: m.weight, reasons: m.reasons })));
  const tools = rings.flatMap((r) =>
    r.tools.map((t, rank) => ({ ringId: r.id, kind: t.kind, id: t.id, rank: int(rank + 1), members: int(t.members), usages: t.usages })),
  );
  const hubs = [...result.hubs].sort((a, b) => b.degree - a.degree).slice(0, MAX_HUBS_WRITTEN).map((h) => ({ ...h, degree: int(h.degree) }));
  await db.write(async (tx) => {
    await tx.run(cypher('analysis/deleteRings'));
    await tx.run(cypher('analysis/createRun'), {
      id: run.id,
      props: {
        status: 'succeeded',
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        parametersJson: JSON.stringify(run.parameters),
        statsJson: JSON.stringify(result.stats),
        communities: int(result.stats.communities),
        suspected: int(rings.length),
        hubs: int(result.hubs.length),
      },
    });
    await inChunks(tx, 'analysis/createRings', 'rings', rings.map((r) => ringProperties(r, run.id)), { runId: run.id });
    await inChunks(tx, 'analysis/linkMembers', 'members', members);
    await inChunks(tx, 'analysis/linkTools', 'tools', tools);
    await inChunks(tx, 'analysis/linkHubs', 'hubs', hubs, { runId: run.id });
  });
}
