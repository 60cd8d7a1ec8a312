import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from '@registry/shared-kernel';
import { ValidatorOptions, getMetadataStorage, validate } from 'class-validator';
import { directInstance } from './direct-instance';
import { passesEdgeValidation } from './edge-validation';
import { rememberValidationRules } from './validation-rules-cache';

/** How every body and every bulk item is validated. */
export const EDGE_VALIDATION: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // One message per faulty field: `{}` for a name is "must be a string", not also "too short".
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/**
 * class-validator at the edge: unknown fields are refused, types are not coerced, and every
 * problem names its field by path (`claims[0].subject.nationalId`).
 */
export function registryValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new ObjectBodyValidationPipe({
    ...EDGE_VALIDATION,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: badRequest,
  });
}

function badRequest(errors: ValidationError[]): BadRequestException {
  const problems = flatten(errors);
  return new BadRequestException({ message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems });
}

export function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason: withoutField(reason, error.property) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator messages start with the property name; the problem names the field already. */
function withoutField(reason: string, property: string): string {
  return reason.startsWith(`${property} `)
    ? reason.slice(property.length + 1)
    : reason.startsWith(`${property}: `)
      ? reason.slice(property.length + 2)
      : reason;
}

/**
 * Every body the API takes is an object: an array or a bare value would reach a DTO whose fields
 * are all optional (a PATCH) as an empty change, so it is refused before validation.
 */
class ObjectBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body' || typeof metadata.metatype !== 'function' || metadata.metatype === Object) return super.transform(value, metadata);
    if (!isObject(value)) {
      throw new BadRequestException({ message: 'body: must be a JSON object', problems: [{ field: 'body', reason: 'must be a JSON object' }] });
    }
    const opaque = opaqueArrays(metadata.metatype);
    // The items go through untouched: what checks the array sees only its length, and each item is
    // validated once, by the route (validateItem), instead of being copied here first.
    const held: Record<string, unknown[]> = {};
    let body = value;
    if (opaque.length > 0) {
      body = { ...value };
      for (const key of opaque) {
        const items = body[key];
        if (Array.isArray(items)) {
          held[key] = items;
          body[key] = new Array<null>(items.length).fill(null);
        }
      }
    }
    return Object.assign((await this.validateBody(body, metadata)) as object, held);
  }

  /**
   * A JSON body of a class class-transformer would build the plain way is built directly (see
   * directInstance) and validated as ValidationPipe validates it; any other goes through ValidationPipe.
   */
  private async validateBody(body: Record<string, unknown>, metadata: ArgumentMetadata): Promise<unknown> {
    // As ValidationPipe does first: `__proto__`, `prototype` and `constructor` keys are dropped at every level.
    this.closeArrayGaps(body);
    this.stripProtoKeys(body);
    const instance = directInstance(metadata.metatype as new () => object, body);
    if (instance === undefined) return super.transform(body, metadata);
    const errors = passesEdgeValidation(instance) ? [] : await validate(instance, EDGE_VALIDATION);
    if (errors.length > 0) throw badRequest(errors);
    return instance;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const opaqueArraysOf = new WeakMap<object, string[]>();

/**
 * The array properties of a body DTO whose items no decorator looks at (no `each` rule, no nested
 * validation): the bulk routes' `unknown[]`, whose items the route validates one by one.
 */
function opaqueArrays(dto: object): string[] {
  let keys = opaqueArraysOf.get(dto);
  if (keys) return keys;
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto as new () => unknown, '', true, false);
  const properties = new Set(rules.map((rule) => rule.propertyName));
  const looksAtItems = new Set(rules.filter((rule) => rule.each || rule.type === 'nestedValidation').map((rule) => rule.propertyName));
  keys = [...properties].filter((key) => !looksAtItems.has(key) && Reflect.getMetadata('design:type', (dto as { prototype: object }).prototype, key) === Array);
  opaqueArraysOf.set(dto, keys);
  return keys;
}
