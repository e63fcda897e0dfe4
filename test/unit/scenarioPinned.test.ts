import { createHash } from 'node:crypto';
import { RECORD_KINDS } from '../../src/contract/ingestBatch';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams, type ScenarioProfile } from '../../src/scenario/profiles';

/**
 * Digests of the default and hard profiles' records, computed before the field
 * parameters existed. Every new parameter is off by default and draws no random number
 * while off, so these profiles must keep producing exactly these records; if a digest
 * moves, something new is drawing from the shared stream or changing a record.
 */
const PINNED: Record<'default' | 'hard', string> = {
  default: '007b2c7b40f7faf0b7abdd6feb81c524b08bd70d770fb513332cbba7fe817ec3',
  hard: 'eb9a917628900554a8813b1e2863946c5c36cf109a94229a6507ed5c00f41d0c',
};

function recordsDigest(profile: ScenarioProfile): string {
  const { evidence } = generateScenario({ ...profileParams(profile, 3_000, 7), chunkSize: 500 });
  const hash = createHash('sha256');
  for (const kind of RECORD_KINDS) for (const record of evidence[kind]) hash.update(JSON.stringify(record) + '\n');
  return hash.digest('hex');
}

describe('When the default and hard profiles are generated after the field parameters were added', () => {
  test.each(Object.keys(PINNED) as (keyof typeof PINNED)[])('then the %s profile writes the records it wrote before', (profile) => {
    expect(recordsDigest(profile)).toBe(PINNED[profile]);
  });
});
