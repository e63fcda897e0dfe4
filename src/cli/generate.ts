import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RECORD_FORMATS } from '../bulk/recordFiles';
import { writeDailyScenario } from '../scenario/dailyScenario';
import { Progress } from './progress';
import { writeScenario } from '../scenario/writeScenario';
import { profileParams, SCENARIO_PROFILE_NAMES } from '../scenario/profiles';
import type { ScenarioParamsInput } from '../scenario/params';

/**
 * npm run generate -- --borrowers 20000 --seed 1 --out out/scenario [--format ndjson|csv] [--profile default|hard|field] [--borrowers-per-gang 400] [--days 30]
 * Writes a seeded synthetic scenario as bulk record files plus truth.json, and prints what
 * the truth holds: gangs by style and innocent groups by kind, as groups/members.
 * With --days N, the last N days of the year are a live window in which every gang starts
 * its campaign, and the records are written as one folder per day (day-01/ holds the
 * history too; see src/scenario/dailySlices.ts for which day a record arrives on).
 */

const ArgsSchema = z.object({
  borrowers: z.coerce.number().int().min(1).default(20_000),
  seed: z.coerce.number().int().default(1),
  out: z.string().min(1, 'give a folder with --out'),
  format: z.enum(RECORD_FORMATS).default('ndjson'),
  profile: z.enum(SCENARIO_PROFILE_NAMES).default('default'),
  'borrowers-per-gang': z.coerce.number().positive().optional(),
  days: z.coerce.number().int().min(1).max(180).optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      borrowers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      profile: { type: 'string' },
      'borrowers-per-gang': { type: 'string' },
      days: { type: 'string' },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`generate: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const args = parsed.data;

  const bar = new Progress('generating', 'borrowers');
  const started = performance.now();
  const params = { ...withGangDensity(profileParams(args.profile, args.borrowers, args.seed), args['borrowers-per-gang']), ...(args.days ? { days: args.days } : {}) };
  const onBorrowers = (written: number) => bar.update(written, args.borrowers);
  const { truth, counts, days } = args.days
    ? await writeDailyScenario(params, args.out, args.format, onBorrowers).then(({ truth, counts, manifest }) => ({ truth, counts, days: manifest }))
    : { ...(await writeScenario(params, args.out, args.format, onBorrowers)), days: null };
  bar.stop();

  const seconds = (performance.now() - started) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const lines = [
    `wrote ${args.out} (${args.format}, seed ${args.seed}) in ${seconds.toFixed(1)} s, peak RSS ${peakMiB.toFixed(0)} MiB`,
    ...Object.entries(counts).map(([kind, count]) => `  ${kind.padEnd(18)} ${count.toLocaleString('en-US').padStart(12)}`),
    `  truth: ${truth.gangs.length} gangs (${truth.gangs.reduce((n, g) => n + g.members.length, 0)} members), ` +
      `${truth.innocentGroups.length} innocent groups (${truth.innocentGroups.reduce((n, g) => n + g.members.length, 0)} memberships)`,
    `  gangs by style:          ${tally(truth.gangs.map((g) => [g.style, g.members.length]))}`,
    `  innocent groups by kind: ${tally(truth.innocentGroups.map((g) => [g.kind, g.members.length]))}`,
    ...(days ? [`  in ${days.days} daily folders (${days.from.slice(0, 10)} to the end of the year): day 1 ${days.records[0]!.toLocaleString('en-US')} records (with the history), then ${Math.min(...days.records.slice(1)).toLocaleString('en-US')}–${Math.max(...days.records.slice(1)).toLocaleString('en-US')} a day`] : []),
  ];
  process.stderr.write(lines.join('\n') + '\n');
}

/** "name groups/members, …" in first-seen order, so the summary reads the same for the same scenario. */
function tally(entries: [string, number][]): string {
  const counts = new Map<string, { groups: number; members: number }>();
  for (const [name, members] of entries) {
    const count = counts.get(name) ?? { groups: 0, members: 0 };
    counts.set(name, { groups: count.groups + 1, members: count.members + members });
  }
  return [...counts].map(([name, c]) => `${name} ${c.groups}/${c.members}`).join(', ') || 'none';
}

/** --borrowers-per-gang overrides one field of the profile's gang parameters, keeping the rest. */
function withGangDensity(params: ScenarioParamsInput, borrowersPerGang: number | undefined): ScenarioParamsInput {
  return borrowersPerGang ? { ...params, gangs: { ...params.gangs, borrowersPerGang } } : params;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
