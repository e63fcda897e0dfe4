import { RECORD_KINDS, RecordSchemas } from '../contract/ingestBatch';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import type { EvidenceChunk } from './context';
import { IdentifierMint } from './identifiers';
import { parseScenarioParams, type ScenarioParamsInput } from './params';
import { planScenario } from './plan';
import { PopulationStream } from './population';
import { createRandom, mix32 } from './random';
import { recordNoise } from './recordNoise';
import type { Truth } from './truth';

/**
 * The scenario as a stream of chunks: first the ad sources and channels, then the
 * borrowers `chunkSize` at a time with every record about them. Only the plan (gangs,
 * hubs) and the truth lists are held; the chunks can be written away and forgotten.
 * The generator's return value is the truth. Everything derives from the seed.
 */
export function* scenarioChunks(input: ScenarioParamsInput = {}): Generator<EvidenceChunk, Truth, void> {
  const pairs = scenarioChunksAsGenerated(input);
  for (;;) {
    const step = pairs.next();
    if (step.done) return step.value;
    yield step.value.chunk;
  }
}

/**
 * The same stream, each chunk with the records as they were generated, before the
 * platform's exports lost fields or rewrote phones (the field profile's gaps and forms):
 * the same records in the same places, with every time they had. What arrives on which
 * day of a month's replay is read from these (dailySlices.ts).
 */
export function* scenarioChunksAsGenerated(input: ScenarioParamsInput = {}): Generator<{ chunk: EvidenceChunk; generated: EvidenceChunk }, Truth, void> {
  const params = parseScenarioParams(input);
  const random = createRandom(params.seed);
  const mint = new IdentifierMint(params.seed);
  // The field knobs draw from their own streams, so turning one on leaves the main stream's draws where they were.
  const field = createRandom(mix32(params.seed ^ 0x6669656c));
  const plan = planScenario(params, random, mint, field);
  const population = new PopulationStream({ params, plan, random, field, mint });
  const noise = recordNoise(params, createRandom(mix32(params.seed ^ 0x6e6f6973)));
  const reference = { ...emptyEvidence(), adSources: plan.adSources, complaintChannels: plan.channels };
  yield { chunk: reference, generated: reference };
  for (let start = 0; start < params.borrowers; start += params.chunkSize) {
    const chunk = emptyEvidence();
    const end = Math.min(start + params.chunkSize, params.borrowers);
    for (let index = start; index < end; index++) population.addBorrower(index, chunk);
    yield { chunk: noise ? noise(chunk) : chunk, generated: chunk };
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

/**
 * The whole scenario in memory, for evaluation and tests: the records the files would
 * hold, as the ingest path would store them. Files hold contract input (phones in the
 * forms the sources wrote); here every record has been through the contract's schema,
 * so phones are E.164, exactly as after a load.
 */
export function generateScenario(input: ScenarioParamsInput = {}): { evidence: Evidence; truth: Truth } {
  const evidence = emptyEvidence();
  const truth = forEachScenarioChunk(input, (chunk) => {
    for (const kind of RECORD_KINDS) {
      const target = evidence[kind] as unknown[];
      const schema = RecordSchemas[kind];
      for (const record of chunk[kind]) target.push(schema.parse(record));
    }
  });
  return { evidence, truth };
}
