import { FactRow } from '../identity-graph/fact-table';
import { KeyListings, Listing } from './key-listings';

const listing = (shops: string[], limit: number, complete: boolean): Listing => ({ shops, complete, limit });

describe('key listings shared by the walks at one point', () => {
  it('given a key listed up to a sample, a walk asking for no more takes it, and one asking for more lists again', () => {
    const listings = new KeyListings(10, '2025-01-01');
    listings.record('phone:1', listing(['a', 'b'], 2, false));

    expect(listings.of('phone:1', 2)?.shops).toEqual(['a', 'b']);
    expect(listings.of('phone:1', 1000)).toBeUndefined();
  });

  it('given a key listed whole, a walk asking for any number of its shops takes it', () => {
    const listings = new KeyListings(10, '2025-01-01');
    listings.record('phone:1', listing(['a'], 2, true));

    expect(listings.of('phone:1', 1000)?.shops).toEqual(['a']);
  });

  it('given a longer listing of a key, a shorter one recorded after it does not replace it', () => {
    const listings = new KeyListings(10, '2025-01-01');
    listings.record('phone:1', listing(['a', 'b', 'c'], 1000, true));
    listings.record('phone:1', listing(['a', 'b'], 2, false));

    expect(listings.of('phone:1', 1000)?.shops).toEqual(['a', 'b', 'c']);
  });

  it('carries to a later point the listings walks took here, but those of the keys a change names', () => {
    const listings = new KeyListings(10, '2025-01-01');
    for (const key of ['phone:1', 'phone:2', 'phone:3']) listings.record(key, listing(['a'], 2, true));

    const carried = listings.carriedTo(12, '2025-01-02', { shops: new Set(['a']), keys: new Set(['phone:2']) });

    expect([carried.position, carried.date]).toEqual([12, '2025-01-02']);
    expect(['phone:1', 'phone:2', 'phone:3'].map((key) => carried.of(key, 2) !== undefined)).toEqual([true, false, true]);
  });

  it('carries only what walks listed or took at its point, not what was carried there and never asked for', () => {
    const first = new KeyListings(10, '2025-01-01');
    first.record('phone:1', listing(['a'], 2, true));
    first.record('phone:2', listing(['b'], 2, true));
    const second = first.carriedTo(12, '2025-01-01', { shops: new Set(), keys: new Set() });
    second.of('phone:1', 2);

    const third = second.carriedTo(14, '2025-01-01', { shops: new Set(), keys: new Set() });

    expect([third.of('phone:1', 2) !== undefined, third.of('phone:2', 2) !== undefined]).toEqual([true, false]);
  });

  it('given listings of more shops than are kept at most (250,000), carries none of them', () => {
    const listings = new KeyListings(10, '2025-01-01');
    const shops = Array.from({ length: 125_001 }, (_, i) => `shopee:${i}`);
    listings.record('phone:1', listing(shops, 200_000, true));
    listings.record('phone:2', listing(shops, 200_000, true));

    const carried = listings.carriedTo(12, '2025-01-01', { shops: new Set(), keys: new Set() });

    expect([carried.of('phone:1', 2), carried.of('phone:2', 2)]).toEqual([undefined, undefined]);
  });

  it('carries the attestations read on a key or naming a holder, none among them included, but those of the keys a change names', () => {
    const listings = new KeyListings(10, '2025-01-01');
    const row = { key1: 'bankAccount:1', key2: 'nationalId:1' } as unknown as FactRow;
    listings.recordAttestations('key1', 'bankAccount:1', [row]);
    listings.recordAttestations('key2', 'nationalId:1', [row]);
    listings.recordAttestations('key1', 'phone:9', []);

    const carried = listings.carriedTo(12, '2025-01-01', { shops: new Set(), keys: new Set(['nationalId:1']) });

    expect([
      carried.attestationsOf('key1', 'bankAccount:1'),
      carried.attestationsOf('key2', 'nationalId:1'),
      carried.attestationsOf('key1', 'phone:9'),
    ]).toEqual([[row], undefined, []]);
  });

  it('given more shops and rows than are kept at most, hands the next refresh none of them', () => {
    const listings = new KeyListings(10, '2025-01-01');
    listings.record('phone:1', listing(['a'], 2, true));
    expect(listings.kept().of('phone:1', 2)).toBeDefined();

    listings.record(
      'phone:2',
      listing(
        Array.from({ length: 250_000 }, (_, i) => `shopee:${i}`),
        300_000,
        true,
      ),
    );

    expect([listings.kept().of('phone:1', 2), listings.kept().position]).toEqual([undefined, 10]);
  });
});
