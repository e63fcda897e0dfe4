import type { DossierLimits, RingDossier, RingStore } from './ports';

/**
 * A ring's dossier is fixed by the analysis run that wrote it; only its reviews change in
 * between. So a page asks the graph for the ring's run id and reviews (one light query)
 * and reuses the heavy part while the run id is the same. Bounded, oldest entry out first.
 */
export class DossierCache {
  private readonly entries = new Map<string, RingDossier>();

  constructor(
    private readonly store: RingStore,
    private readonly maxEntries = 500,
  ) {}

  async get(ringId: string, limits: DossierLimits): Promise<RingDossier | null> {
    const key = `${ringId}\u0000${limits.members}\u0000${limits.events}`;
    const version = await this.store.ringVersion(ringId);
    if (!version) return null;
    const cached = this.entries.get(key);
    if (cached && cached.ring.run.id === version.runId) return { ...cached, reviews: version.reviews };
    const dossier = await this.store.dossier(ringId, limits);
    if (!dossier) return null;
    this.entries.delete(key);
    this.entries.set(key, dossier);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return dossier;
  }
}
