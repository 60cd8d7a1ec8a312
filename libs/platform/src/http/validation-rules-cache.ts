import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

const remembering = new WeakSet<MetadataStorage>();

/**
 * class-validator looks a class's rules up again for every object it validates: it filters the
 * class's rules and tests the class against every class that has rules (inheritance), then groups
 * them by property. A registration body is nine objects, a bulk request of 5,000 shops 45,000.
 * The rules are fixed once the classes are loaded, so each lookup is kept, with its grouping, per
 * class and options; a rule registered later (a class loaded late) empties what was kept.
 */
export function rememberValidationRules(storage: MetadataStorage = getMetadataStorage()): void {
  if (remembering.has(storage)) return;
  remembering.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let kept = new WeakMap<object, Map<string, Rules>>();
  let grouped = new WeakMap<Rules, ReturnType<MetadataStorage['groupByPropertyName']>>();
  const forget = () => {
    kept = new WeakMap();
    grouped = new WeakMap();
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Joined by hand: JSON.stringify here cost as much as the rest of the lookup (issue 14).
    const options = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups ? `g${groups.join('\u0000')}` : 'none'}`;
    let ofTarget = kept.get(target);
    if (!ofTarget) kept.set(target, (ofTarget = new Map()));
    let rules = ofTarget.get(options);
    if (!rules) ofTarget.set(options, (rules = Object.freeze(lookUp(target, schema, always, strictGroups, groups)) as Rules));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = group(rules)));
    return byProperty;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[method].bind(storage) as (...args: unknown[]) => void;
    (storage as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args) => {
      forget();
      add(...args);
    };
  }
}
