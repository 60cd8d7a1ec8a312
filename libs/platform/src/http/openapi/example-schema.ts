import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * The schema of an answer, read off a real example of it (recorded from the API), with the example
 * attached: integrators see every field with its type and a value, and the document cannot name a
 * field the answer does not have.
 */
export function exampleSchema(example: unknown): SchemaObject {
  return { ...schemaOf(example), example };
}

function schemaOf(value: unknown): SchemaObject {
  if (value === null) return { nullable: true };
  if (Array.isArray(value)) return { type: 'array', items: value.map(schemaOf).reduce(merge, {}) };
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(value as Record<string, unknown>);
      return { type: 'object', properties: Object.fromEntries(entries.map(([key, item]) => [key, schemaOf(item)])) };
    }
    default:
      return {};
  }
}

/** Items of one array may each show other optional fields (a bulk result `invalid` has `problems`). */
function merge(a: SchemaObject, b: SchemaObject): SchemaObject {
  if (a.type === undefined && a.properties === undefined) return b;
  if (a.type !== 'object' || b.type !== 'object') return a;
  return { ...a, properties: { ...b.properties, ...a.properties } };
}
