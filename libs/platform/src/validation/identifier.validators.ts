import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { IdentifierKind, parseBirthDate, parseCalendarDate, parseIdentifier, Parsed, parseShopId, plainTextProblem } from '@registry/shared-kernel/identifiers';
import { vietnamDateOf } from '@registry/shared-kernel';

type Parser = (raw: unknown) => Parsed<unknown>;

/**
 * Validates with the same parser the domain uses, so the API refuses exactly what the domain would.
 * The property keeps the value as sent; handlers parse it again to get the normalised identifier.
 */
export function IsIdentifier(kind: IdentifierKind, options?: ValidationOptions): PropertyDecorator {
  return parsedBy('isIdentifier', (raw) => parseIdentifier(kind, raw), options, [kind]);
}

/** A platform's own id for a shop (`ShopId`). */
export function IsShopId(options?: ValidationOptions): PropertyDecorator {
  return parsedBy('isShopId', parseShopId, options);
}

/** A strict `YYYY-MM-DD` day. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return parsedBy('isCalendarDate', parseCalendarDate, options);
}

/** A date of birth: a strict `YYYY-MM-DD` day no later than today in Vietnam. */
export function IsBirthDate(options?: ValidationOptions): PropertyDecorator {
  return parsedBy('isBirthDate', (raw) => parseBirthDate(raw, vietnamDateOf(new Date())), options);
}

/** Text shown as a name (a shop's display name): no invisible, control or emoji characters, no markup. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return parsedBy(
    'isPlainText',
    (raw) => {
      if (typeof raw !== 'string') return { ok: false, reason: 'must be a string' };
      const problem = plainTextProblem(raw);
      return problem ? { ok: false, reason: problem } : { ok: true, value: raw };
    },
    options,
  );
}

function parsedBy(name: string, parse: Parser, options?: ValidationOptions, constraints: unknown[] = []): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      constraints,
      options,
      validator: {
        validate: (value: unknown) => parse(value).ok,
        defaultMessage: (args?: ValidationArguments) => `${args?.property}: ${firstReason(parse, args?.value, options)}`,
      },
    });
}

// With `each: true` the message is built once for the whole array, so name the first element that fails.
function firstReason(parse: Parser, value: unknown, options?: ValidationOptions): string {
  const values = options?.each && Array.isArray(value) ? value : [value];
  for (const item of values) {
    const parsed = parse(item);
    if (!parsed.ok) return parsed.reason;
  }
  return 'is not valid';
}
