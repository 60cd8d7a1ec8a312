import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { sellerDecider } from './seller.decide';

const given = deciderSpec(sellerDecider);
const identified = { type: 'SellerIdentified' as const, data: { attributionKey: 'tin:k', seller: { taxCode: '0100233488' } } };

describe('whom an attribution key stands for', () => {
  it('is said the first time the key is used', () =>
    given([])
      .when({ type: 'IdentifySeller', attributionKey: 'tin:k', seller: { taxCode: '0100233488' } })
      .then([identified]));

  it('is not said again while it holds: once per seller, not in every obligation', () =>
    given([identified])
      .when({ type: 'IdentifySeller', attributionKey: 'tin:k', seller: { taxCode: '0100233488' } })
      .thenNothingHappens());

  it('is said again when it changes (an erased tax id, then a verified one)', () =>
    given([{ ...identified, data: { ...identified.data, seller: { erased: true } as never } }])
      .when({ type: 'IdentifySeller', attributionKey: 'tin:k', seller: { taxCode: '0100233488' } })
      .then([identified]));
});
