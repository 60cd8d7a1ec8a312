import type { ShopEvent } from '@registry/registration/domain';
import { Decider, DomainError } from '@registry/shared-kernel';
import { FlagCategory, ShopFlagged } from './shop-flagged';

/** Enforcement flags a shop for a case; who flags it comes from the request, not the body. */
export interface FlagShop {
  readonly type: 'FlagShop';
  readonly platformId: string;
  readonly shopId: string;
  readonly category: FlagCategory;
  readonly caseReference: string;
  readonly note: string;
  readonly flaggedBy: string;
  readonly agency: string | null;
}

/** What flagging needs to know: whether the platform registered the shop. */
export interface ShopFlags {
  readonly registered: boolean;
}

/** The shop's own stream and its flag stream, folded together: a flag is for a shop the registry knows. */
export type ShopFlagEvent = ShopEvent | ShopFlagged;

export const shopFlagDecider: Decider<ShopFlags, FlagShop, ShopFlagEvent> = {
  initialState: () => ({ registered: false }),
  evolve: (state, event) => (event.type === 'ShopRegistered' ? { registered: true } : state),
  decide: (command, state) => {
    if (!state.registered) throw DomainError.notFound(`shop ${command.platformId}:${command.shopId}`);
    const { category, caseReference, note, flaggedBy, agency } = command;
    // Every flag is its own event, even one that repeats an earlier flag: each is an officer's statement for a case.
    return [{ type: 'ShopFlagged', data: { category, caseReference, note, flaggedBy, agency } }];
  },
};
