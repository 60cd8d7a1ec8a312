import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import {
  Identifier,
  IdentifierKind,
  parseBirthDate,
  parseCalendarDate,
  parseIdentifier,
  Parsed,
  parseShopId,
  plainTextProblem,
} from '@registry/shared-kernel/identifiers';
import { vietnamDateOf } from '@registry/shared-kernel';

type Parser = (raw: unknown) => Parsed<unknown>;

/**
 * Validates with the same parser the domain uses, so the API refuses exactly what the domain would.
 * The property keeps the value as sent; what the parser made of it is kept beside the object
 * (`identifierParsedFor`), so a handler need not parse it again.
 */
export function IsIdentifier(kind: IdentifierKind, options?: ValidationOptions): PropertyDecorator {
  return parsedBy('isIdentifier', (raw) => parseIdentifier(kind, raw), options, [kind], !options?.each);
}

/** What `IsIdentifier` parsed, by validated object and property: dropped with the object. */
const parsedIdentifiers = new WeakMap<object, Map<string, { readonly raw: unknown; readonly identifier: Identifier }>>();

/**
 * The identifier an `IsIdentifier` property of this object was found to be when it was validated,
 * if its value is still the one validated (issue 14: a registration's names and addresses were
 * parsed and folded twice, by the validation and by the domain).
 */
export function identifierParsedFor(object: object, property: string): Identifier | undefined {
  const kept = parsedIdentifiers.get(object)?.get(property);
  return kept && kept.raw === (object as Record<string, unknown>)[property] ? kept.identifier : undefined;
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

function parsedBy(name: string, parse: Parser, options?: ValidationOptions, constraints: unknown[] = [], keep = false): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      constraints,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const parsed = parse(value);
          if (parsed.ok && keep && args && typeof args.object === 'object' && args.object !== null) {
            let byProperty = parsedIdentifiers.get(args.object);
            if (!byProperty) parsedIdentifiers.set(args.object, (byProperty = new Map()));
            byProperty.set(args.property, { raw: value, identifier: parsed.value as Identifier });
          }
          return parsed.ok;
        },
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
