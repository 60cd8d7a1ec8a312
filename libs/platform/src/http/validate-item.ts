import { FieldProblem } from '@registry/shared-kernel';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { directInstance } from './direct-instance';
import { passesEdgeValidation } from './edge-validation';
import { EDGE_VALIDATION, flatten } from './validation-pipe';
import { rememberValidationRules } from './validation-rules-cache';

export type ItemValidation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: FieldProblem[] };

/**
 * Validates one item of a bulk request exactly as the global pipe validates a whole body,
 * so a bad item gets its own field-named problems and the others go on.
 */
export async function validateItem<T extends object>(dto: ClassConstructor<T>, raw: unknown, path: string): Promise<ItemValidation<T>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: path, reason: 'must be an object' }] };
  }
  rememberValidationRules();
  const value = directInstance(dto, raw) ?? plainToInstance(dto, raw, { enableImplicitConversion: false });
  const errors = passesEdgeValidation(value) ? [] : await validate(value, EDGE_VALIDATION);
  if (errors.length === 0) return { ok: true, value };
  return { ok: false, problems: flatten(errors, path) };
}
