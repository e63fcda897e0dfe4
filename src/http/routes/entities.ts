import { Router } from 'express';
import type { EntityStore } from '../../investigation/ports';
import { lookupBorrower, lookupIdentifier, parsePhoneParam } from '../../investigation/lookupEntities';
import { search } from '../../investigation/search';
import { BorrowerParamsSchema, DeviceParamsSchema, PhoneParamsSchema, SearchQuerySchema } from '../../investigation/schemas/entity';
import { parseInput, redactorFor, sendRecords } from '../requestContext';

export function entitiesRouter(store: EntityStore): Router {
  const router = Router();
  router.get('/borrowers/:id', async (req, res) => {
    const { id } = parseInput(BorrowerParamsSchema, req.params, 'params');
    sendRecords(res, await lookupBorrower(store, redactorFor(res), id), 1);
  });
  router.get('/phones/:number', async (req, res) => {
    const { number } = parseInput(PhoneParamsSchema, req.params, 'params');
    const view = await lookupIdentifier(store, redactorFor(res), 'phone', parsePhoneParam(number));
    sendRecords(res, view, view.borrowers.length);
  });
  router.get('/devices/:id', async (req, res) => {
    const { id } = parseInput(DeviceParamsSchema, req.params, 'params');
    const view = await lookupIdentifier(store, redactorFor(res), 'device', id);
    sendRecords(res, view, view.borrowers.length);
  });
  router.get('/search', async (req, res) => {
    const result = await search(store, redactorFor(res), parseInput(SearchQuerySchema, req.query, 'query'));
    sendRecords(res, result, result.results.length);
  });
  return router;
}
