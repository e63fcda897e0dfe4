import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readEvidenceFiles } from '../bulk/readEvidence';
import type { Evidence } from '../contract/evidence';
import { detectors } from '../evaluation/detectors';
import { evaluateDetectors, type DetectorResult } from '../evaluation/evaluateDetectors';
import { comparisonTable, falseRingTable, gangRecallTable, missedGangTable, qualityTable } from '../evaluation/qualityTable';
import { generateScenario } from '../scenario/generateScenario';
import { TRUTH_FILE, TruthSchema, type Truth } from '../scenario/truth';
import { profileParams, SCENARIO_PROFILE_NAMES } from '../scenario/profiles';

/**
 * npm run evaluate -- [--sizes 20000,200000 --seeds 1,2,3 | --borrowers N --seed S | --data <folder>] [--profile default|hard] [--json]
 * Scores every registered detector against planted gangs: scenarios generated in memory,
 * or a generated folder (record files + truth.json) read back through the bulk format.
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

  const results: DetectorResult[] = [];
  for (const { dataset, load } of casesFrom(parsed.data)) {
    process.stderr.write(`evaluate: ${dataset}\n`);
    const { evidence, truth } = await load();
    results.push(...evaluateDetectors(dataset, evidence, truth, detectors));
  }
  const tables = [comparisonTable(results), falseRingTable(results), gangRecallTable(results), missedGangTable(results), qualityTable(results)];
  process.stdout.write(parsed.data.json ? JSON.stringify(results, null, 2) + '\n' : `${tables.join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
