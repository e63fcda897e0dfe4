import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { openApiDocument } from '../../../src/http/openApiDocument';

/**
 * Checks an HTTP answer against the response schema the OpenAPI document declares for its
 * path, method, status and content type. OpenAPI 3.1 schemas are JSON Schema 2020-12, so
 * Ajv validates them as they are, `$ref`s into the document included.
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openApiDocument() as object, 'openapi');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function responseErrors(method: string, pathTemplate: string, res: Response): string[] {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const declared = doc.paths[pathTemplate]?.[method]?.responses[String(res.status)];
  if (!declared) return [`${method.toUpperCase()} ${pathTemplate} does not declare status ${res.status}`];
  const validate = ajv.compile({ $ref: `openapi#/${pointer('paths', pathTemplate, method, 'responses', String(res.status), 'content', 'application/json', 'schema')}` });
  return validate(res.body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
