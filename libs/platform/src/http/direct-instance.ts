import { ClassConstructor, TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// The storage class-transformer reads its decorators from: its package has no other way to it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/** What a property of a class becomes when built: left out, built as a class, or copied. */
interface PropertyPlan {
  readonly skip: boolean;
  readonly type?: ClassConstructor<object>;
}

/** A property that class-transformer would not build the plain way (a discriminator, a conversion, a Set…). */
const NOT_PLAIN = Symbol('not plain');

/** Types that class-transformer converts to rather than builds: left to it. */
const CONVERTED: readonly unknown[] = [String, Number, Boolean, Date, Buffer, Map, Set, Array, Object, Promise];

const plans = new WeakMap<object, Map<string, PropertyPlan | typeof NOT_PLAIN>>();
const plainClasses = new WeakMap<object, boolean>();

/**
 * The instance `plainToInstance(dto, raw, { enableImplicitConversion: false })` returns, built
 * directly: the same keys in the same order, a class instance where `@Type` names a class, arrays
 * and other objects copied, `__proto__`, `constructor` and the names of methods and getters left
 * out. Undefined when the body or a class it reaches is not that simple (`@Expose`, `@Exclude`,
 * `@Transform`, a discriminator, a type converted to, a value that is not plain JSON): the caller
 * then asks class-transformer. class-transformer's generic walk looks every key's decorators up
 * again, for every object of every body; here each class's properties are looked up once.
 */
export function directInstance<T extends object>(dto: ClassConstructor<T>, raw: object): T | undefined {
  try {
    return build(dto, raw) as T;
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

function build(type: ClassConstructor<object> | undefined, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    // As class-transformer's forEach: gaps are left out.
    for (let i = 0; i < value.length; i++) if (i in value) items.push(build(type, value[i]));
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_PLAIN;
  // Where no class is named, class-transformer takes a `constructor` key's value for one.
  if (type === undefined && Object.hasOwn(value, 'constructor') && (value as { constructor: unknown }).constructor) throw NOT_PLAIN;
  if (type !== undefined && !isPlainClass(type)) throw NOT_PLAIN;
  const target = type ?? Object;
  const built = (type ? new type() : {}) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const plan = planOf(target, built, key);
    if (plan.skip) continue;
    built[key] = build(plan.type, (value as Record<string, unknown>)[key]);
  }
  return built;
}

/** A class with no class-transformer decorator that changes which keys are kept. */
function isPlainClass(type: ClassConstructor<object>): boolean {
  let plain = plainClasses.get(type);
  if (plain === undefined) {
    plain =
      defaultMetadataStorage.getStrategy(type) === 'none' &&
      defaultMetadataStorage.getExposedMetadatas(type).length === 0 &&
      defaultMetadataStorage.getExcludedMetadatas(type).length === 0;
    plainClasses.set(type, plain);
  }
  return plain;
}

/** A property's plan, kept per class for the keys the class declares (any other key comes from a client: not kept). */
function planOf(target: object, instance: Record<string, unknown>, key: string): PropertyPlan {
  let ofTarget = plans.get(target);
  if (!ofTarget) plans.set(target, (ofTarget = new Map()));
  let plan = ofTarget.get(key);
  if (plan === undefined) {
    plan = planFor(target, instance, key);
    if (target !== Object && (Object.prototype.hasOwnProperty.call(instance, key) || declares(target, key))) ofTarget.set(key, plan);
  }
  if (plan === NOT_PLAIN) throw NOT_PLAIN;
  return plan;
}

function planFor(target: object, instance: Record<string, unknown>, key: string): PropertyPlan | typeof NOT_PLAIN {
  // class-transformer does not overwrite a method or a getter of the class (nor of Object).
  const descriptor = Object.getOwnPropertyDescriptor((instance.constructor as { prototype: object }).prototype, key);
  if ((descriptor && !descriptor.set) || instance[key] instanceof Function) return { skip: true };
  if (target === Object) return { skip: false };
  if (defaultMetadataStorage.findTransformMetadatas(target as ClassConstructor<object>, key, TransformationType.PLAIN_TO_CLASS).length > 0) return NOT_PLAIN;
  const typed = defaultMetadataStorage.findTypeMetadata(target as ClassConstructor<object>, key);
  if (!typed) return { skip: false };
  // A discriminator, a Map or Set built from the value, or a type chosen by looking at the object.
  if (typed.options?.discriminator || typed.reflectedType === Map || typed.reflectedType === Set || !typed.typeFunction || typed.typeFunction.length > 0)
    return NOT_PLAIN;
  const type = typed.typeFunction({ newObject: instance, object: {}, property: key }) as unknown;
  if (typeof type !== 'function' || CONVERTED.includes(type)) return NOT_PLAIN;
  return { skip: false, type: type as ClassConstructor<object> };
}

/** Whether the class has a decorated property of that name: a key worth keeping a plan for. */
function declares(target: object, key: string): boolean {
  return (
    defaultMetadataStorage.findTypeMetadata(target as ClassConstructor<object>, key) !== undefined ||
    Reflect.hasMetadata('design:type', (target as { prototype: object }).prototype, key)
  );
}
