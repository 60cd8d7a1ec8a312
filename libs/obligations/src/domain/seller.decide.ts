import { Decider, canonicalJson } from '@registry/shared-kernel';
import { SellerIdentified } from './obligation.events';
import { TaxId } from './seller-identity';

export interface SellerState {
  readonly seller: TaxId | null;
}

export interface IdentifySeller {
  readonly type: 'IdentifySeller';
  readonly attributionKey: string;
  readonly seller: TaxId;
}

/** Says whom an attribution key stands for, the first time and whenever that changes; nothing otherwise. */
export const sellerDecider: Decider<SellerState, IdentifySeller, SellerIdentified> = {
  initialState: () => ({ seller: null }),
  evolve: (_, event) => ({ seller: event.data.seller }),
  decide: (command, state) =>
    state.seller !== null && canonicalJson(state.seller) === canonicalJson(command.seller)
      ? []
      : [{ type: 'SellerIdentified', data: { attributionKey: command.attributionKey, seller: command.seller } }],
};
