import { ValidationArguments, ValidationTypes, getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;

/** One rule on a property: a constraint's validator and the decorator's arguments. */
interface Check {
  readonly metadata: ValidationMetadata;
  readonly constraint: ConstraintMetadata;
}

interface PropertyPlan {
  readonly name: string;
  /** `@IsOptional`, `@ValidateIf`: the property is not looked at unless all hold. */
  readonly conditions: readonly ((object: object, value: unknown) => unknown)[];
  /** `@IsDefined`, then the other constraints, in class-validator's order. */
  readonly checks: readonly Check[];
  /** `@ValidateNested`: each one's class name, passed on as class-validator passes it. */
  readonly nested: readonly ValidationMetadata[];
}

interface ClassPlan {
  readonly allowed: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

/** A class whose rules the fast pass does not follow (async or promise rules, a kind it does not know): class-validator decides. */
const UNSUPPORTED = null;

const plans = new WeakMap<object, ClassPlan | typeof UNSUPPORTED>();

/**
 * class-validator with the edge's options (`EDGE_VALIDATION`: whitelist, forbidNonWhitelisted,
 * forbidUnknownValues, stopAtFirstError, no groups), checked first by a pass of its own over the same
 * rules and the same validators: what a valid body costs is then the validators themselves. For every
 * object, class-validator's executor filters each property's rules four times, builds a
 * ValidationError for every property (valid or not), and walks them all again to drop the empty ones,
 * about half of a registration body's validation (issue 14).
 *
 * The pass only says "valid" where class-validator would return no error; on anything else (a
 * failing rule, a rule it does not follow, a validator answering with a promise) it says no, and the
 * caller runs class-validator as before, so every error, its field and its message are class-validator's own.
 * Only for those options: the callers validate with EDGE_VALIDATION.
 */
export function passesEdgeValidation(object: object): boolean {
  return passes(getMetadataStorage(), object, undefined);
}

/** True only where class-validator's executor would record no error for `object` (as `execute(object, targetSchema)`). */
function passes(storage: MetadataStorage, object: object, targetSchema: string | undefined): boolean {
  // An object without a class (no prototype) is left to class-validator, as everything unusual is.
  if (typeof object.constructor !== 'function') return false;
  const plan = planOf(storage, object.constructor, targetSchema);
  if (plan === UNSUPPORTED) return false;
  // whitelist with forbidNonWhitelisted: a key no rule names is an error.
  for (const key of Object.keys(object)) if (!plan.allowed.has(key)) return false;
  const targetName = object.constructor.name;
  for (const property of plan.properties) {
    const value = (object as Record<string, unknown>)[property.name];
    if (value instanceof Promise) return false;
    if (!property.conditions.every((condition) => condition(object, value))) continue;
    for (const { metadata, constraint } of property.checks) {
      const args: ValidationArguments = { targetName, property: metadata.propertyName, object, value, constraints: metadata.constraints };
      if (!metadata.each || !Array.isArray(value)) {
        if (value instanceof Set || value instanceof Map) return false;
        if (!isTrue(constraint.instance.validate(value, args))) return false;
      } else {
        for (let i = 0; i < value.length; i++) if (i in value && !isTrue(constraint.instance.validate(value[i], args))) return false;
      }
    }
    if (value !== undefined) for (const metadata of property.nested) if (!nestedPasses(storage, value, metadata, property.nested)) return false;
  }
  return true;
}

/** class-validator's `nestedValidations` for one rule: arrays item by item (with all the property's nested rules), an object by its class. */
function nestedPasses(storage: MetadataStorage, value: unknown, metadata: ValidationMetadata, all: readonly ValidationMetadata[]): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) continue;
      for (const each of all) if (!nestedPasses(storage, value[i], each, all)) return false;
    }
    return true;
  }
  if (value instanceof Set || value instanceof Map) return false;
  if (!(value instanceof Object)) return false;
  return passes(storage, value, typeof metadata.target === 'string' ? metadata.target : metadata.target.name);
}

/** A validator's answer that class-validator takes as valid, at once (a promise is left to it). */
const isTrue = (answer: unknown) => !!answer && !(answer instanceof Promise);

function planOf(storage: MetadataStorage, target: unknown, targetSchema: string | undefined): ClassPlan | typeof UNSUPPORTED {
  // The same lookup as the executor's; with rememberValidationRules the same frozen array each time until a rule is added.
  const rules = storage.getTargetValidationMetadatas(target as new () => object, targetSchema as string, false, false, undefined);
  let plan = plans.get(rules);
  if (plan === undefined) plans.set(rules, (plan = buildPlan(storage, rules)));
  return plan;
}

const KNOWN = new Set<string>([
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
]);

function buildPlan(storage: MetadataStorage, rules: readonly ValidationMetadata[]): ClassPlan | typeof UNSUPPORTED {
  // forbidUnknownValues: an object of a class with no rule is an error.
  if (rules.length === 0 || rules.some((rule) => !KNOWN.has(rule.type))) return UNSUPPORTED;
  const grouped = storage.groupByPropertyName(rules as ValidationMetadata[]);
  const properties: PropertyPlan[] = [];
  for (const name of Object.keys(grouped)) {
    const own = grouped[name];
    const checks: Check[] = [];
    for (const metadata of [...own.filter((r) => r.type === ValidationTypes.IS_DEFINED), ...own.filter((r) => r.type === ValidationTypes.CUSTOM_VALIDATION)]) {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) return UNSUPPORTED;
        checks.push({ metadata, constraint });
      }
    }
    properties.push({
      name,
      conditions: own
        .filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((r) => r.constraints[0] as (object: object, value: unknown) => unknown),
      checks,
      nested: own.filter((r) => r.type === ValidationTypes.NESTED_VALIDATION),
    });
  }
  return { allowed: new Set(Object.keys(grouped).filter((name) => grouped[name].length > 0)), properties };
}
