import { RECORD_KINDS, type RecordKind, type RecordOf } from '../../src/contract/ingestBatch';
import { splitIntoLanes } from '../../src/bulk/writerLanes';
import { generateScenario } from '../../src/scenario/generateScenario';
import { profileParams } from '../../src/scenario/profiles';

const { evidence } = generateScenario(profileParams('field', 3_000, 5));

/** The nodes a record names, read from its fields here rather than from the module under test. */
function nodesNamed(record: Record<string, unknown>, kind: RecordKind): string[] {
  const named: string[] = [];
  const ownId = kind === 'borrowers' ? 'borrowerId' : kind;
  if (typeof record.id === 'string') named.push(`${ownId}:${record.id}`);
  for (const field of ['borrowerId', 'phone', 'deviceId', 'adSourceId', 'channelId', 'voiceprintId']) {
    if (typeof record[field] === 'string') named.push(`${field}:${record[field]}`);
  }
  return named;
}

describe('splitting a window of records into writer lanes', () => {
  it.each(RECORD_KINDS.filter((kind) => evidence[kind].length > 1))('%s: lanes name no node in common, and together hold every record once, each lane in input order', (kind) => {
    const records = evidence[kind] as RecordOf<typeof kind>[];
    const lanes = splitIntoLanes(kind, records, 2);
    expect(lanes.flat()).toHaveLength(records.length);
    expect(new Set(lanes.flat())).toEqual(new Set(records));
    const laneOf = new Map<string, number>();
    lanes.forEach((lane, index) => {
      const positions = lane.map((record) => records.indexOf(record));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      for (const record of lane) {
        for (const node of nodesNamed(record as unknown as Record<string, unknown>, kind)) {
          expect(laneOf.get(node) ?? index).toBe(index);
          laneOf.set(node, index);
        }
      }
    });
  });

  it('shares records that touch separate nodes evenly between the lanes', () => {
    const links = evidence.phoneLinks.filter((link, i, all) => all.findIndex((other) => other.phone === link.phone || other.borrowerId === link.borrowerId) === i).slice(0, 1_001);
    const lanes = splitIntoLanes('phoneLinks', links, 2);
    expect(lanes.map((lane) => lane.length).sort()).toEqual([500, 501]);
  });

  it('keeps records that all meet in one node in one lane', () => {
    const source = evidence.recruitments[0]!.adSourceId;
    const recruits = evidence.recruitments.filter((r) => r.adSourceId === source);
    expect(recruits.length).toBeGreaterThan(10);
    expect(splitIntoLanes('recruitments', recruits, 2)).toEqual([recruits]);
  });

  it('chains: records tied only through a third record stay together', () => {
    const links = [
      { borrowerId: 'b1', phone: '+8613800000001', role: 'registered' as const },
      { borrowerId: 'b2', phone: '+8613800000002', role: 'registered' as const },
      { borrowerId: 'b1', phone: '+8613800000002', role: 'contact' as const },
      { borrowerId: 'b3', phone: '+8613800000003', role: 'registered' as const },
    ];
    const lanes = splitIntoLanes('phoneLinks', links, 2);
    expect(lanes).toEqual([[links[0], links[1], links[2]], [links[3]]]);
  });

  it('with one writer, or one record, returns the records as one lane; with none, no lane', () => {
    expect(splitIntoLanes('borrowers', evidence.borrowers, 1)).toEqual([evidence.borrowers]);
    expect(splitIntoLanes('borrowers', evidence.borrowers.slice(0, 1), 3)).toEqual([evidence.borrowers.slice(0, 1)]);
    expect(splitIntoLanes('borrowers', [], 2)).toEqual([]);
  });
});
