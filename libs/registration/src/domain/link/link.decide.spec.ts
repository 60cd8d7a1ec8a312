import { foldEvents } from '@registry/shared-kernel';
import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { linkDecider } from './link.decide';
import { LinkEvent, LinkParty, ShopRef, linkStream } from './link.events';

const given = deciderSpec(linkDecider);

const onShopee: ShopRef = { platformId: 'shopee', shopId: 's-1' };
const onShopeeToo: ShopRef = { platformId: 'shopee', shopId: 's-2' };
const onLazada: ShopRef = { platformId: 'lazada', shopId: 'l-9' };
const shopee: LinkParty = { role: 'platform', platformId: 'shopee' };
const enforcement: LinkParty = { role: 'enforcement' };
const evidence = 'Same payout account VCB:0011004455667 and the same pickup point';

const link = (shops: readonly [ShopRef, ShopRef], party: LinkParty = shopee, by = 'shopee-api') => ({ type: 'LinkShops', shops, evidence, party, by }) as const;
const unlink = (party: LinkParty = shopee, by = 'shopee-api') => ({ type: 'UnlinkShops', reason: 'different sellers after review', party, by }) as const;

const linkedByShopee: LinkEvent = {
  type: 'ShopsLinked',
  data: { a: onLazada, b: onShopee, evidence, linkedBy: 'shopee-api', role: 'platform', platformId: 'shopee' },
};
const unlinkedByShopee: LinkEvent = {
  type: 'ShopsUnlinked',
  data: { reason: 'different sellers after review', unlinkedBy: 'shopee-api', role: 'platform', platformId: 'shopee' },
};
const linkedByEnforcement: LinkEvent = {
  type: 'ShopsLinked',
  data: { a: onLazada, b: onShopee, evidence, linkedBy: 'qltt-hn-017', role: 'enforcement', caseReference: 'QLTT-HN-2026-0117' },
};

describe('a link between two shops', () => {
  it('is stated by a platform with its evidence, the pair in stream order whichever shop is named first', () => {
    given([])
      .when(link([onShopee, onLazada]))
      .then([linkedByShopee]);
    given([])
      .when(link([onLazada, onShopee]))
      .then([linkedByShopee]);
  });

  it('has one stream per pair', () => {
    expect(linkStream(onShopee, onLazada)).toBe('link-lazada:l-9|shopee:s-1');
    expect(linkStream(onLazada, onShopee)).toBe(linkStream(onShopee, onLazada));
  });

  it('is stated by enforcement with its case reference', () =>
    given([])
      .when({ ...link([onShopee, onLazada], enforcement, 'qltt-hn-017'), caseReference: 'QLTT-HN-2026-0117' })
      .then([linkedByEnforcement]));

  it('links two shops of the same platform', () =>
    given([])
      .when(link([onShopeeToo, onShopee]))
      .then([{ type: 'ShopsLinked', data: { ...linkedByShopee.data, a: onShopee, b: onShopeeToo } } as LinkEvent]));

  it('never links a shop to itself', () =>
    given([])
      .when(link([onShopee, { ...onShopee }]))
      .thenFails('invalid', /itself/));

  it('is stated by a platform only for a pair that includes one of its own shops', () =>
    given([])
      .when(link([onLazada, { platformId: 'tiki', shopId: 't-1' }]))
      .thenFails('forbidden'));

  it('stated again changes nothing', () =>
    given([linkedByShopee])
      .when(link([onLazada, onShopee]))
      .thenNothingHappens());

  it('is withdrawn; withdrawing an unlinked pair changes nothing', () => {
    given([linkedByShopee]).when(unlink()).then([unlinkedByShopee]);
    given([linkedByShopee, unlinkedByShopee]).when(unlink()).thenNothingHappens();
    given([]).when(unlink()).thenNothingHappens();
  });

  it('is stated again after it was withdrawn', () =>
    given([linkedByShopee, unlinkedByShopee])
      .when(link([onShopee, onLazada]))
      .then([linkedByShopee]));

  it('stands per party: each party states and withdraws its own, never another’s', () => {
    given([linkedByShopee])
      .when({ ...link([onShopee, onLazada], enforcement, 'qltt-hn-017'), caseReference: 'QLTT-HN-2026-0117' })
      .then([linkedByEnforcement]);
    given([linkedByEnforcement]).when(unlink()).thenNothingHappens();
    given([linkedByEnforcement, linkedByShopee]).when(unlink()).then([unlinkedByShopee]);
    given([linkedByShopee])
      .when(unlink({ role: 'platform', platformId: 'lazada' }, 'lazada-api'))
      .thenNothingHappens();
  });

  it('found by one agency is withdrawn only by an officer of that agency', () => {
    const agencyA: LinkParty = { role: 'enforcement', agency: 'qltt-hn' };
    const agencyB: LinkParty = { role: 'enforcement', agency: 'customs-hp' };
    const foundByA: LinkEvent = { type: 'ShopsLinked', data: { ...linkedByEnforcement.data, ...agencyA } };
    given([foundByA])
      .when(unlink(agencyB, 'customs-officer-4'))
      .thenFails('forbidden', /found by agency qltt-hn/);
    given([foundByA])
      .when(unlink(agencyA, 'qltt-hn-017'))
      .then([{ type: 'ShopsUnlinked', data: { reason: 'different sellers after review', unlinkedBy: 'qltt-hn-017', role: 'enforcement', agency: 'qltt-hn' } }]);
  });

  it('keeps the pair linked while any party’s statement stands', () => {
    expect([...foldEvents(linkDecider, [linkedByEnforcement, linkedByShopee, unlinkedByShopee]).statements.keys()]).toEqual(['enforcement']);
    expect(foldEvents(linkDecider, [linkedByShopee, unlinkedByShopee]).statements.size).toBe(0);
  });
});
