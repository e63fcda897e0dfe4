import { normalisePhone } from '../contract/phone';
import type { EntityStore } from './ports';
import type { Redactor } from './redaction';
import type { SearchQuery, SearchResult } from './schemas/entity';

/**
 * One box for ids, phone numbers, device ids and names. Viewers cannot search by name:
 * a hit would confirm a person's name that the masked results hide.
 */
export async function search(store: EntityStore, redactor: Redactor, query: SearchQuery): Promise<SearchResult> {
  const rows = await store.search({ text: query.q, phone: normalisePhone(query.q), byName: !redactor.masked, limit: query.limit });
  return {
    results: rows.slice(0, query.limit).map((row) => ({
      type: row.type,
      id: row.type === 'phone' ? redactor.phone(row.id) : row.id,
      label: row.type === 'phone' ? redactor.phone(row.id) : row.type === 'borrower' ? (redactor.name(row.name) ?? row.id) : row.id,
      match: row.match,
      ringIds: row.ringIds,
    })),
    maskedPersonalData: redactor.masked,
  };
}
