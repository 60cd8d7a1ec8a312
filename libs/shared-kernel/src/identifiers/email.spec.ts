import { parseEmail } from './email';

describe('parseEmail', () => {
  it('accepts an ordinary address', () => {
    expect(parseEmail('an.nguyen@example.vn')).toEqual({ ok: true, value: { kind: 'email', value: 'an.nguyen@example.vn' } });
  });

  it('trims and lower-cases', () => {
    expect(parseEmail('  An.Nguyen@Example.COM.vn ')).toEqual({
      ok: true,
      value: { kind: 'email', value: 'an.nguyen@example.com.vn' },
    });
  });

  it('keeps plus tags and dots as written', () => {
    expect(parseEmail('shop+tag@gmail.com')).toMatchObject({ ok: true, value: { value: 'shop+tag@gmail.com' } });
  });

  it('accepts 254 characters and rejects 255', () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.vn`;
    const at254 = `${'x'.repeat(254 - domain.length - 1)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(parseEmail(at254)).toMatchObject({ ok: true });
    expect(parseEmail(`x${at254}`)).toEqual({ ok: false, reason: 'must be at most 254 characters' });
  });

  it('rejects non-strings and empty strings', () => {
    expect(parseEmail({})).toEqual({ ok: false, reason: 'must be a string' });
    expect(parseEmail('')).toEqual({ ok: false, reason: 'must not be empty' });
  });

  it('rejects no @ or more than one', () => {
    expect(parseEmail('an.example.vn')).toEqual({ ok: false, reason: 'must contain exactly one @' });
    expect(parseEmail('an@b@example.vn')).toEqual({ ok: false, reason: 'must contain exactly one @' });
  });

  it('rejects an empty or too long local part', () => {
    const reason = 'the part before @ must be 1 to 64 characters';
    expect(parseEmail('@example.vn')).toEqual({ ok: false, reason });
    expect(parseEmail(`${'a'.repeat(65)}@example.vn`)).toEqual({ ok: false, reason });
  });

  it('rejects spaces, misplaced dots and other odd characters before the @', () => {
    const reason = 'the part before @ contains a character or dot that is not allowed';
    for (const email of ['an nguyen@example.vn', '.an@example.vn', 'an.@example.vn', 'an..b@example.vn', 'ân@example.vn', 'a"b@example.vn']) {
      expect(parseEmail(email)).toEqual({ ok: false, reason });
    }
  });

  it('rejects a domain without a dot', () => {
    expect(parseEmail('an@localhost')).toEqual({ ok: false, reason: 'the domain must contain a dot' });
  });

  it('rejects malformed domains', () => {
    const reason = 'the domain is not a valid host name';
    for (const email of ['an@example..vn', 'an@-example.vn', 'an@example-.vn', 'an@exa_mple.vn', 'an@example.', 'an@1.2.3.4']) {
      expect(parseEmail(email)).toEqual({ ok: false, reason });
    }
  });
});
