import { RECORD_KINDS } from '../../src/contract/ingestBatch';
import { definedIds, referencesOf, unresolvedReferences } from '../../src/contract/references';
import { parseBatch } from '../../src/ingest/ingestBatch';
import { rehearsalBatches } from '../../src/ingest/rehearsalBatches';

const cast = { borrowers: ['b-1', 'b-2', 'b-3'], adSource: 'src-1', channel: 'ch-1' };
const SIZES = [10, 100];
const batches = rehearsalBatches(cast, SIZES, '2026-01-01T00:00:00Z');

describe('Batches that rehearse a day', () => {
  test('every one passes the ingest contract, its repeated keys agreeing', () => {
    expect(batches).toHaveLength(SIZES.length * (1 + RECORD_KINDS.length));
    for (const batch of batches) expect(() => parseBatch(batch)).not.toThrow();
  });

  test('for each size, one batch holds every kind and one batch each holds one kind, every array of that size', () => {
    for (const [i, size] of SIZES.entries()) {
      const [all, ...alone] = batches.slice(i * (1 + RECORD_KINDS.length), (i + 1) * (1 + RECORD_KINDS.length));
      for (const kind of RECORD_KINDS) expect(all![kind]).toHaveLength(size);
      expect(alone.map((b) => Object.keys(b))).toEqual(RECORD_KINDS.map((kind) => [kind]));
      for (const [k, batch] of alone.entries()) expect(batch[RECORD_KINDS[k]!]).toHaveLength(size);
    }
  });

  test('the batch of every kind names only its own entities; a kind sent alone names only the graph\'s', () => {
    const stride = 1 + RECORD_KINDS.length;
    for (const [i, input] of batches.entries()) {
      const batch = parseBatch(input);
      const open = unresolvedReferences(referencesOf(batch), definedIds(batch));
      const named = { borrower: [...open.borrower].sort(), adSource: [...open.adSource], complaintChannel: [...open.complaintChannel] };
      if (i % stride === 0) expect(named).toEqual({ borrower: [], adSource: [], complaintChannel: [] });
      else for (const id of [...named.borrower, ...named.adSource, ...named.complaintChannel]) expect([...cast.borrowers, cast.adSource, cast.channel]).toContain(id);
    }
    // The lone kinds that name someone name the graph's borrowers, all of them.
    const lonePhones = parseBatch(batches[1 + RECORD_KINDS.indexOf('phoneLinks')]!);
    expect(new Set(lonePhones.phoneLinks!.map((l) => l.borrowerId))).toEqual(new Set(cast.borrowers));
  });
});
