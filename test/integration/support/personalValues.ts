import type { Express } from 'express';
import request from 'supertest';
import { normalisePhone } from '../../../src/contract/phone';
import type { Evidence } from '../../../src/contract/evidence';
import { bearer } from './apiKeys';

/** Every personal value of the evidence in the forms that could leak: names, id hashes, phones as E.164 and as the 11 national digits. */
export function personalValues(evidence: Evidence): Set<string> {
  const personal = new Set<string>();
  for (const b of evidence.borrowers) {
    if (b.name && b.name.length >= 2) personal.add(b.name);
    if (b.idNumberHash) personal.add(b.idNumberHash);
  }
  for (const phone of [...evidence.phoneLinks.map((l) => l.phone), ...evidence.calls.map((c) => c.phone), ...evidence.complaints.map((c) => c.phone)]) {
    if (!phone) continue;
    const e164 = normalisePhone(phone)!;
    personal.add(e164);
    personal.add(e164.replace(/^\+86/, ''));
  }
  return personal;
}

/** The personal values a response body holds. */
const leaksIn = (personal: ReadonlySet<string>, body: string) => [...personal].filter((value) => body.includes(value));

/** A page's whole body as one role reads it; anything but 200 fails the test, naming the path. */
export async function readAs(app: Express, role: 'viewer' | 'investigator', path: string): Promise<string> {
  const res = await request(app).get(path).set('Authorization', bearer(role));
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  return res.text;
}

/**
 * Reads every path as a viewer and as an investigator: what leaked to the viewer (a few
 * values per path), and how many personal values the investigator saw, which shows the
 * scan looks where personal data would be.
 */
export async function scanPages(app: Express, personal: ReadonlySet<string>, paths: readonly string[]): Promise<{ leaks: { path: string; values: string[] }[]; investigatorSaw: number }> {
  const leaks: { path: string; values: string[] }[] = [];
  let investigatorSaw = 0;
  for (const path of paths) {
    const values = leaksIn(personal, await readAs(app, 'viewer', path));
    if (values.length > 0) leaks.push({ path, values: values.slice(0, 3) });
    investigatorSaw += leaksIn(personal, await readAs(app, 'investigator', path)).length;
  }
  return { leaks, investigatorSaw };
}
