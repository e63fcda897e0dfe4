import { assignRingIds } from '../../src/detection';

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('assignRingIds', () => {
  it('gives new rings deterministic ids derived from their members, whatever their order', () => {
    const first = assignRingIds([], [['b3', 'b1', 'b2']]);
    const second = assignRingIds([], [['b1', 'b2', 'b3']]);
    expect(first.ids[0]).toMatch(/^ring-[0-9a-f]{8}$/);
    expect(second.ids).toEqual(first.ids);
    expect(first.lineage[0]).toEqual({ from: [], keptId: false, split: false, merged: false });
  });

  it('keeps an id when membership mostly persists (Jaccard ≥ 0.5)', () => {
    const previous = [{ id: 'ring-old', members: range('b', 0, 10) }];
    const { ids, lineage, retired } = assignRingIds(previous, [[...range('b', 2, 10), 'x1', 'x2']]);
    expect(ids).toEqual(['ring-old']);
    expect(lineage[0]).toMatchObject({ keptId: true, from: [{ ringId: 'ring-old', sharedMembers: 8, jaccard: 8 / 12 }] });
    expect(retired).toEqual([]);
  });

  it('gives a new id when too little membership persists, and retires the old one', () => {
    const previous = [{ id: 'ring-old', members: range('b', 0, 10) }];
    const { ids, lineage, retired } = assignRingIds(previous, [[...range('b', 0, 3), ...range('x', 0, 5)]]);
    expect(ids[0]).not.toBe('ring-old');
    expect(lineage[0]!.from[0]).toMatchObject({ ringId: 'ring-old', sharedMembers: 3 });
    expect(retired).toEqual(['ring-old']);
  });

  it('records a split: the larger part keeps the id, both parts name their source', () => {
    const previous = [{ id: 'ring-a', members: range('b', 0, 12) }];
    const { ids, lineage } = assignRingIds(previous, [range('b', 0, 8), range('b', 8, 12)]);
    expect(ids[0]).toBe('ring-a');
    expect(ids[1]).not.toBe('ring-a');
    expect(lineage.map((l) => l.split)).toEqual([true, true]);
    expect(lineage[1]!.from.map((f) => f.ringId)).toEqual(['ring-a']);
  });

  it('records a merge: one current ring fed by two earlier ones keeps the closer id', () => {
    const previous = [
      { id: 'ring-a', members: range('b', 0, 9) },
      { id: 'ring-b', members: range('b', 9, 12) },
    ];
    const { ids, lineage, retired } = assignRingIds(previous, [range('b', 0, 12)]);
    expect(ids).toEqual(['ring-a']);
    expect(lineage[0]).toMatchObject({ merged: true, split: false });
    expect(lineage[0]!.from.map((f) => f.ringId)).toEqual(['ring-a', 'ring-b']);
    expect(retired).toEqual(['ring-b']);
  });

  it('never hands one earlier id to two current rings, nor reuses an earlier id for a new ring', () => {
    const previous = [{ id: 'ring-a', members: ['b1', 'b2', 'b3', 'b4'] }];
    const { ids } = assignRingIds(previous, [
      ['b1', 'b2', 'b3'],
      ['b2', 'b3', 'b4'],
    ]);
    expect(ids.filter((id) => id === 'ring-a')).toHaveLength(1);
    expect(new Set(ids).size).toBe(2);
  });

  it('honours a custom overlap threshold', () => {
    const previous = [{ id: 'ring-a', members: range('b', 0, 10) }];
    const current = [[...range('b', 0, 4), ...range('x', 0, 6)]];
    expect(assignRingIds(previous, current).ids[0]).not.toBe('ring-a');
    expect(assignRingIds(previous, current, 0.2).ids[0]).toBe('ring-a');
  });
});
