import { RECORD_KINDS } from '../contract/ingestBatch';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import type { EvidenceChunk } from './context';
import { IdentifierMint } from './identifiers';
import { parseScenarioParams, type ScenarioParamsInput } from './params';
import { planScenario } from './plan';
import { PopulationStream } from './population';
import { createRandom } from './random';
import type { Truth } from './truth';

/**
 * The scenario as a stream of chunks: first the ad sources and channels, then the
 * borrowers `chunkSize` at a time with every record about them. Only the plan (gangs,
 * hubs) and the truth lists are held; the chunks can be written away and forgotten.
 * The generator's return value is the truth. Everything derives from the seed.
 */
export function* scenarioChunks(input: ScenarioParamsInput = {}): Generator<EvidenceChunk, Truth, void> {
  const params = parseScenarioParams(input);
  const random = createRandom(params.seed);
  const mint = new IdentifierMint(params.seed);
  const plan = planScenario(params, random, mint);
  const population = new PopulationStream({ params, plan, random, mint });
  yield { ...emptyEvidence(), adSources: plan.adSources, complaintChannels: plan.channels };
  for (let start = 0; start < params.borrowers; start += params.chunkSize) {
    const chunk = emptyEvidence();
    const end = Math.min(start + params.chunkSize, params.borrowers);
    for (let index = start; index < end; index++) population.addBorrower(index, chunk);
    yield chunk;
  }
  return population.truth();
}

/** Drives the chunks, handing each to `consume`, and returns the truth. */
export function forEachScenarioChunk(input: ScenarioParamsInput, consume: (chunk: EvidenceChunk) => void): Truth {
  const chunks = scenarioChunks(input);
  for (;;) {
    const step = chunks.next();
    if (step.done) return step.value;
    consume(step.value);
  }
}

/** The whole scenario in memory, for evaluation and tests: the same records the files would hold. */
export function generateScenario(input: ScenarioParamsInput = {}): { evidence: Evidence; truth: Truth } {
  const evidence = emptyEvidence();
  const truth = forEachScenarioChunk(input, (chunk) => {
    for (const kind of RECORD_KINDS) {
      const target = evidence[kind] as unknown[];
      for (const record of chunk[kind]) target.push(record);
    }
  });
  return { evidence, truth };
}
