import { storedBlindIndex } from './stored-blind-index';
import { identifiersOf, storedIdentifiers } from './stored-identifiers';

describe("a record's identifiers as stored", () => {
  const indexKey = Buffer.alloc(32, 7);
  const identifiers = [
    { kind: 'p', blind: storedBlindIndex(indexKey, 'phone', '+84901234567') },
    { kind: 'i', blind: storedBlindIndex(indexKey, 'nationalId', '001089012345') },
    { kind: 'n', blind: storedBlindIndex(indexKey, 'personName', 'nguyen van an') },
  ];

  it('take 18 bytes each on SQLite, and read back as the kinds and blind indexes they were', () => {
    const stored = storedIdentifiers('sqlite', identifiers);
    expect(stored).toHaveLength(18 * identifiers.length);
    expect(identifiersOf(stored)).toEqual(identifiers);
  });

  it('are text on PostgreSQL, as in rows written before, and for a kind stored without a letter', () => {
    expect(identifiersOf(storedIdentifiers('postgres', identifiers))).toEqual(identifiers);
    const unlettered = [{ kind: 'loyaltyCard', blind: identifiers[0].blind }, identifiers[1]];
    expect(storedIdentifiers('sqlite', unlettered)).toBe(`loyaltyCard${identifiers[0].blind} i${identifiers[1].blind}`);
    expect(identifiersOf(storedIdentifiers('sqlite', unlettered))).toEqual(unlettered);
  });

  it('are none for a record without any', () => {
    expect(identifiersOf(storedIdentifiers('sqlite', []))).toEqual([]);
    expect(identifiersOf('')).toEqual([]);
  });
});
