import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readEvidenceFiles } from '../bulk/readEvidence';
import type { Evidence } from '../contract/evidence';
import { detectors } from '../evaluation/detectors';
import { evaluateAsyncDetector, evaluateDetectors, type DetectorResult } from '../evaluation/evaluateDetectors';
import { openGdsPeer } from '../evaluation/gdsPeer';
import { comparisonTable, falseRingTable, gangRecallTable, missedGangTable, notRunLines, qualityTable, stageTable } from '../evaluation/qualityTable';
import { generateScenario } from '../scenario/generateScenario';
import { TRUTH_FILE, TruthSchema, type Truth } from '../scenario/truth';
import { profileParams, SCENARIO_PROFILE_NAMES } from '../scenario/profiles';

/**
 * npm run evaluate -- [--sizes 20000,200000 --seeds 1,2,3 | --borrowers N --seed S | --data <folder>] [--profile default|hard] [--json]
 * Scores every registered detector against planted gangs: scenarios generated in memory,
 * or a generated folder (record files + truth.json) read back through the bulk format.
 * With RINGSIGHT_GDS=1, also the GDS peer (src/evaluation/gdsPeer.ts), on the project's
 * `gds` Neo4j instance, which it clears and loads with each case; without it, the output
 * says that the peer was not run and why.
 */

const list = z
  .string()
  .transform((text) => text.split(',').map((part) => Number(part.trim())))
  .pipe(z.array(z.number().int().min(1)).min(1));

const ArgsSchema = z.object({
  sizes: list.optional(),
  seeds: list.optional(),
  borrowers: z.coerce.number().int().min(1).optional(),
  seed: z.coerce.number().int().optional(),
  data: z.string().optional(),
  profile: z.enum(SCENARIO_PROFILE_NAMES).default('default'),
  json: z.boolean().default(false),
});

interface Case {
  dataset: string;
  load(): Promise<{ evidence: Evidence; truth: Truth }>;
}

function casesFrom(args: z.infer<typeof ArgsSchema>): Case[] {
  if (args.data) {
    const folder = args.data;
    return [
      {
        dataset: folder,
        load: async () => ({
          evidence: await readEvidenceFiles(folder),
          truth: TruthSchema.parse(JSON.parse(await readFile(join(folder, TRUTH_FILE), 'utf8'))),
        }),
      },
    ];
  }
  const sizes = args.sizes ?? [args.borrowers ?? 20_000];
  const seeds = args.seeds ?? [args.seed ?? 1];
  return sizes.flatMap((borrowers) =>
    seeds.map((seed) => ({
      dataset: `${borrowers.toLocaleString('en-US')} borrowers, seed ${seed}${args.profile === 'default' ? '' : `, ${args.profile}`}`,
      load: async () => generateScenario(profileParams(args.profile, borrowers, seed)),
    })),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      seeds: { type: 'string' },
      borrowers: { type: 'string' },
      seed: { type: 'string' },
      data: { type: 'string' },
      profile: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`evaluate: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const peer = await openGdsPeer(log);
  if ('notRun' in peer) log(`evaluate: ${peer.notRun.detector} not run: ${peer.notRun.reason}`);
  else log(`evaluate: ${peer.detector.name} on ${peer.db.settings.uri} (GDS ${peer.version}), which it clears and loads with each case`);
  const results: DetectorResult[] = [];
  try {
    for (const { dataset, load } of casesFrom(parsed.data)) {
      log(`evaluate: ${dataset}`);
      const { evidence, truth } = await load();
      results.push(...evaluateDetectors(dataset, evidence, truth, detectors));
      if ('detector' in peer) results.push(await evaluateAsyncDetector(dataset, evidence, truth, peer.detector));
    }
  } finally {
    if ('db' in peer) await peer.db.close();
  }
  const notRun = 'notRun' in peer ? [peer.notRun] : [];
  const tables = [comparisonTable(results), falseRingTable(results), gangRecallTable(results), missedGangTable(results), qualityTable(results), stageTable(results), notRunLines(notRun)];
  process.stdout.write(parsed.data.json ? JSON.stringify({ results, notRun }, null, 2) + '\n' : `${tables.filter((t) => t.length > 0).join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
