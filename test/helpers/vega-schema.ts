/**
 * Validation of Vega-Lite specs against the JSON schema vega-lite ships
 * (node_modules/vega-lite/build/vega-lite-schema.json), with ajv (draft-07). Compiled once per
 * test file (about 2 s). Returns readable error lines, [] when the spec is valid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';

/** The schema file itself (vega-lite's package exports do not expose it to require.resolve). */
const SCHEMA_PATH = join(import.meta.dirname, '..', '..', 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json');

let validate: ReturnType<Ajv['compile']> | undefined;

/** The schema errors of a spec ('/layer/0/encoding/fill must NOT have additional properties: datum'), [] when valid. */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  if (validate === undefined) {
    // The schema uses formats (uri, color-hex) ajv does not know without plugins; they constrain
    // nothing our specs use, so format checks are off rather than silently "unknown".
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false, logger: false });
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  if (validate(spec)) return [];
  // anyOf/oneOf errors repeat their branches' errors; keep the leaf messages, deduplicated.
  const lines = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? `: ${(e.params as { additionalProperty: string }).additionalProperty}` : ''}`);
  return [...new Set(lines)];
}
