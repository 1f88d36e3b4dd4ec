import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates emulator responses against Plaid's official OpenAPI spec (2020-09-14). The spec is
 * OpenAPI 3.0, so before handing schemas to ajv we:
 * - add every component schema under its own $id and point `#/components/schemas/X` refs at it;
 * - turn `nullable: true` into a JSON-schema type union (or an anyOf with null when the node has
 *   no `type`, e.g. a nullable allOf);
 * - drop `enum` (Plaid's enums are extensible: new values are not breaking changes, and Plaid
 *   tells generator users to switch strict enum checks off), `x-*` keys and annotation-only keys;
 * - rewrite draft-04 boolean exclusiveMinimum/exclusiveMaximum into draft-07 numbers;
 * - drop `additionalProperties: false` (responses may grow new fields) and formats ajv-formats
 *   does not define (double, int32, url…).
 */

type FormatsPlugin = (ajv: Ajv, formats: string[]) => unknown;
/** ajv-formats is CommonJS: under NodeNext the default import is module.exports, plugin on `.default`. */
const addFormats =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const SPEC_PATH = fileURLToPath(new URL('../fixtures/plaid-openapi-2020-09-14.yml.gz', import.meta.url));
const ID_BASE = 'https://plaid.spec.local/schemas/';
const KEPT_FORMATS = new Set(['date', 'date-time']);
const DROPPED = new Set([
  'enum',
  'example',
  'examples',
  'description',
  'externalDocs',
  'discriminator',
  'deprecated',
  'title',
  'readOnly',
  'writeOnly',
  'xml',
]);

type Json = Record<string, unknown>;

function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith('x-') || DROPPED.has(key) || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', ID_BASE);
    } else if (key === 'format') {
      if (typeof value === 'string' && KEPT_FORMATS.has(value)) out.format = value;
    } else if (key === 'additionalProperties' && value === false) {
      continue;
    } else if (key === 'properties' && value && typeof value === 'object') {
      // Property names are data, not keywords: never drop a property called "description".
      out.properties = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, translate(v)]));
    } else {
      out[key] = translate(value);
    }
  }
  // OpenAPI 3.0 (draft-04 style) has boolean exclusiveMinimum/Maximum next to minimum/maximum.
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...new Set([...out.type, 'null'])];
    else return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

interface Spec {
  paths: Record<string, { post?: { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } }>;
  components: { schemas: Record<string, unknown> };
}

let loaded: { spec: Spec; ajv: Ajv; cache: Map<string, ValidateFunction> } | undefined;

function load() {
  if (loaded) return loaded;
  const spec = parse(gunzipSync(readFileSync(SPEC_PATH)).toString('utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv, ['date', 'date-time']);
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    ajv.addSchema({ ...(translate(schema) as Json), $id: `${ID_BASE}${name}` });
  }
  loaded = { spec, ajv, cache: new Map() };
  return loaded;
}

/** The response schema the spec declares for POST `path` and `status` (falling back to `default`). */
function validatorFor(path: string, status: number): ValidateFunction {
  const { spec, ajv, cache } = load();
  const key = `${path} ${status}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const responses = spec.paths[path]?.post?.responses;
  if (!responses) throw new Error(`no POST ${path} in the Plaid spec`);
  const response = responses[String(status)] ?? responses.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no JSON schema for POST ${path} → ${status}`);
  const validate = ajv.compile(translate(schema) as Json);
  cache.set(key, validate);
  return validate;
}

/** Problems with `body` as a response of POST `path` with `status`; empty when it conforms. */
export function specProblems(path: string, status: number, body: unknown): string[] {
  const validate = validatorFor(path, status);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Throws with every problem listed, so a test failure says exactly what diverged. */
export function assertMatchesSpec(path: string, status: number, body: unknown): void {
  const problems = specProblems(path, status, body);
  if (problems.length > 0)
    throw new Error(`POST ${path} (${status}) does not match the Plaid spec:\n${problems.slice(0, 20).join('\n')}`);
}
