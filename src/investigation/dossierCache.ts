import type { DossierLimits, RingDossier, RingStore, RingVersion } from './ports';

const sameVersion = (a: RingVersion, b: RingVersion) => a.runId === b.runId && a.ingestStamps === b.ingestStamps;

/**
 * A ring's dossier changes when a run rewrites the ring, when any record is ingested (a
 * member's complaints, calls, name, overdue days or principal), or when it is reviewed.
 * So each read first asks the graph for the ring's version (one light query: run id,
 * ingest stamp count, reviews) and reuses the heavy part only while run and stamps are
 * the same; reviews always come fresh. The ring page and the evidence pack both read
 * through here, so they never disagree. Bounded, oldest entry out first.
 */
export class DossierCache {
  private readonly entries = new Map<string, { version: RingVersion; dossier: RingDossier }>();

  constructor(
    private readonly store: RingStore,
    private readonly maxEntries = 500,
  ) {}

  async get(ringId: string, limits: DossierLimits): Promise<RingDossier | null> {
    const key = `${ringId}\u0000${limits.members}\u0000${limits.events}`;
    const version = await this.store.ringVersion(ringId);
    if (!version) return null;
    const cached = this.entries.get(key);
    if (cached && sameVersion(cached.version, version)) return { ...cached.dossier, reviews: version.reviews };
    const dossier = await this.store.dossier(ringId, limits);
    if (!dossier) return null;
    this.entries.delete(key);
    this.entries.set(key, { version, dossier });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return dossier;
  }
}
