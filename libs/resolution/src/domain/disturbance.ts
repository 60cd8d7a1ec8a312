import { ShopKey } from './facts';

/** What one change disturbed: shops whose edges changed, and the join keys touched with their hub status before. */
export interface Disturbance {
  readonly shops: Set<ShopKey>;
  readonly keysWereHub: Map<string, boolean>;
}

export const newDisturbance = (): Disturbance => ({ shops: new Set(), keysWereHub: new Map() });
