import { randomBytes, randomUUID } from 'node:crypto';
import { compactData, storedEventData, storedHead } from './compact-data';
import { EVENT_PHRASES } from './event-phrases';

const roundTrip = (value: unknown) => storedEventData(compactData(JSON.stringify(value)));

describe('the compact form of event data', () => {
  const claim = {
    claimId: 'owner',
    role: 'declared_owner',
    verification: { method: 'vneid_level_2', verifiedAt: '2025-02-12T16:17:00.000Z', reference: 'vneid-s8vp' },
    assertedBy: 'bench-shopee',
    validFrom: null,
    validTo: null,
    $s: `1k94qkpnecp4051mm.subject.${randomBytes(110).toString('base64')}`,
  };

  it('takes a claim in little more than half its JSON, the ciphertext as its bytes, and gives the same value back', () => {
    const stored = compactData(JSON.stringify(claim));
    expect(stored.length).toBeLessThan(JSON.stringify(claim).length * 0.55);
    expect(stored.includes(Buffer.from(claim.$s.split('.')[2], 'base64'))).toBe(true);
    expect(storedEventData(stored)).toEqual(claim);
  });

  it('gives back exactly the text of tokens that look like base64 but whose bytes would not (padding, trailing bits, mixed alphabets)', () => {
    const tokens = [
      randomBytes(33).toString('base64'),
      randomBytes(32).toString('base64'),
      randomBytes(31).toString('base64url'),
      randomBytes(32).toString('hex'),
      'QqR6Hk88uOIAUdvVpnx2SbLD1QMa4-l31HK42rXV1MZ',
      'abcdefghijklmnopqrstuvwxyz0123456789+-_/AB',
      'abcdefghijklmnopqrstuvwxyzABCDE=',
      'abcdefghijklmnopqrstuvwx==',
      `${'A'.repeat(40)}"`,
      'A'.repeat(23),
    ];
    const value = { tokens, keyed: Object.fromEntries(tokens.map((t, i) => [t, i])), nested: [{ persons: tokens.map((t) => `nationalId:${t}`) }] };
    expect(roundTrip(value)).toEqual(value);
  });

  it('gives back any JSON value: control characters (the mark among them), escapes, other scripts, numbers, nesting', () => {
    const values = [
      {},
      [],
      null,
      0,
      -1.5e-7,
      'text',
      { a: '\u0001\u0001', b: 'line\nbreak "quoted" \\ back', c: 'Sức khỏe Hương nội địa 🛒', d: '\ud800 lone' },
      { deep: [[[{ x: [1, 2, { y: null }] }]]], flag: true, empty: '' },
      { big: 'x'.repeat(100_000), id: randomUUID() },
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(value);
  });

  it('gives back text made of the phrases it codes, in any order, overlapping and cut', () => {
    const all = EVENT_PHRASES.join('');
    const values = [{ all, reversed: [...EVENT_PHRASES].reverse().join('') }, { [all]: EVENT_PHRASES }, { cut: EVENT_PHRASES.map((p) => p.slice(1, -1)) }];
    for (const value of values) expect(roundTrip(value)).toEqual(value);
  });

  it('holds the time and the metadata at the head of the data (form 2), the time as bytes that sort as the times do', () => {
    const metadata = Buffer.from('metadata bytes');
    const stored = [1, 2 ** 40, 2 ** 48 - 1].map((ms) => compactData(JSON.stringify(claim), { ms, metadata }));
    for (const [i, bytes] of stored.entries()) {
      const head = storedHead(bytes)!;
      expect(head.ms).toBe([1, 2 ** 40, 2 ** 48 - 1][i]);
      expect(bytes.subarray(head.metadataStart, head.metadataEnd)).toEqual(metadata);
      expect(storedEventData(bytes)).toEqual(claim);
      if (i > 0) expect(Buffer.compare(stored[i - 1].subarray(1, 7), bytes.subarray(1, 7))).toBe(-1);
    }
    expect(storedHead(compactData('{}'))).toBeUndefined();
  });

  it('reads data stored as JSON text (rows written before) and data already parsed (PostgreSQL)', () => {
    expect(storedEventData('{"shopId":"s1"}')).toEqual({ shopId: 's1' });
    expect(storedEventData({ shopId: 's1' })).toEqual({ shopId: 's1' });
  });

  it('refuses bytes in a form it does not know', () => {
    expect(() => storedEventData(Buffer.of(9, 0))).toThrow(/unknown form 9/);
  });
});
