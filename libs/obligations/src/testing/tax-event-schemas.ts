import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMAS = join(__dirname, '..', '..', 'schemas');

/** The JSON Schemas in libs/obligations/schemas, compiled once: what tests check produced messages against. */
export function taxEventSchemas() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
  }
  const check = (id: string) => {
    const validate = ajv.getSchema(`/schemas/tax/${id}`);
    if (!validate) throw new Error(`no schema ${id}`);
    return (value: unknown): string[] => (validate(value) ? [] : (validate.errors ?? []).map(describe));
  };
  return {
    /** Problems of one CloudEvent (envelope and, by its type, its data); empty when it is valid. */
    cloudEvent: check('cloudevent.v1.json'),
    ruleTable: check('withholding-rules.schema.json'),
  };
}

const describe = (error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`;
