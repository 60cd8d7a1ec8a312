import { componentsAround } from './components-around';
import { Disturbance } from './disturbance';
import { ShopKey } from './facts';
import { isNomineeIdentity, joinsControl, joinsOperators } from './join-rules';
import { foundingShop, operatorIdOf } from './operator-id';
import { ResolutionState } from './resolution-state';

/**
 * Brings control groups, nominees and operators in line with the edges after a change, touching only
 * the components that hold disturbed shops:
 * 1. a key whose hub status flipped disturbs all its shops;
 * 2. the control groups of the disturbed shops are walked again (merges reach the groups they absorb);
 * 3. the declared identities on touched keys or on shops of a new control group are judged again,
 *    and a flipped nominee disturbs all its shops;
 * 4. the operators of the disturbed shops are walked again.
 * A component none of whose shops is disturbed keeps its edges and its verdicts, so it either stays as
 * it is or is absorbed whole by a walk that reaches it.
 */
export function settle(state: ResolutionState, disturbance: Disturbance, newGroupId: () => number): void {
  const shops = new Set(disturbance.shops);
  for (const [key, wasHub] of disturbance.keysWereHub) {
    if (wasHub !== state.isHub(key)) for (const shop of state.shopsOn(key).keys()) shops.add(shop);
  }
  const regrouped = regroupControl(state, shops, newGroupId);

  const identities = new Set(disturbance.keysWereHub.keys());
  for (const shop of regrouped) for (const edge of state.edgesOf(shop)) if (edge.declared) identities.add(edge.joinKey!);
  for (const key of identities) {
    const nominee = isNomineeIdentity(state, key);
    if (nominee === state.nominees.has(key)) continue;
    if (nominee) state.nominees.add(key);
    else state.nominees.delete(key);
    for (const shop of state.shopsOn(key).keys()) shops.add(shop);
  }
  regroupOperators(state, shops);
}

/** Recomputes the control groups holding the shops; returns every shop of the new groups. */
function regroupControl(state: ResolutionState, shops: Iterable<ShopKey>, newGroupId: () => number): ShopKey[] {
  const seeds = new Set<ShopKey>();
  for (const shop of shops) {
    const group = state.controlGroupOf(shop);
    if (group) for (const member of state.controlGroupMembers(group.id)) seeds.add(member);
    else seeds.add(shop);
  }
  const components = componentsAround(state, seeds, (edge) => joinsControl(edge, state));
  for (const shop of components.flat()) {
    const old = state.controlGroupOf(shop);
    if (old) state.dropControlGroup(old.id);
  }
  for (const component of components) {
    const hasMoney = component.some((shop) => state.edgesOf(shop).some((edge) => edge.money));
    state.setControlGroup({ id: newGroupId(), hasMoney }, component);
  }
  return components.flat();
}

function regroupOperators(state: ResolutionState, shops: Iterable<ShopKey>): void {
  const seeds = new Set<ShopKey>();
  for (const shop of shops) {
    const operator = state.operatorOf(shop);
    if (operator) for (const member of state.shopsOf(operator)) seeds.add(member);
    else seeds.add(shop);
  }
  const components = componentsAround(state, seeds, (edge) => joinsOperators(edge, state));
  for (const shop of components.flat()) {
    const old = state.operatorOf(shop);
    if (old) state.dropOperator(old);
  }
  const firstSeen = (shop: ShopKey) => state.firstSeen(shop)!;
  for (const component of components) state.setOperator(operatorIdOf(foundingShop(component, firstSeen)), component);
}
