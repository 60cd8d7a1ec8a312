import { REDACTED, redact, redactText } from './redact';

describe('log redaction', () => {
  it('removes national ID numbers, tax codes, phones and account numbers from text', () => {
    expect(redactText('CCCD 001089012345 and MST 0314409058-002 failed')).toBe(`CCCD ${REDACTED} and MST ${REDACTED} failed`);
    expect(redactText('call +84912345678 or 0912 345 678')).toBe(`call ${REDACTED} or ${REDACTED}`);
    expect(redactText('account VCB:0011004455667')).toBe(`account VCB:${REDACTED}`);
  });

  it('removes e-mail addresses', () => {
    expect(redactText('sent to an.nguyen@example.vn today')).toBe(`sent to ${REDACTED} today`);
  });

  it('keeps dates, times, versions and short numbers', () => {
    const text = 'at 2026-11-29T08:34:19.061Z version 12 position 104857 lag 3';
    expect(redactText(text)).toBe(text);
  });

  it('keeps UUIDs whole, even where their groups read as a long number, and redacts the text around them', () => {
    const id = 'c6bad051-4212-8123-9a47-39fbf20b5939';
    expect(redactText(`request ${id} for 0912345678`)).toBe(`request ${id} for ${REDACTED}`);
    expect(redact({ requestId: id, correlationId: id.toUpperCase() })).toEqual({ requestId: id, correlationId: id.toUpperCase() });
  });

  it('removes whatever sits under a personal field name, at any depth', () => {
    expect(redact({ msg: 'claim added', claim: { subject: { fullName: 'Nguyễn Văn An' }, role: 'contact' }, name: 'x' })).toEqual({
      msg: 'claim added',
      claim: { subject: REDACTED, role: 'contact' },
      name: REDACTED,
    });
  });

  it("keeps an error's class, message and stack, with the personal data in them removed", () => {
    const logged = redact({ err: new Error('no shop for 001089012345') }) as { err: { type: string; message: string; stack: string } };

    expect(logged.err).toMatchObject({ type: 'Error', message: `no shop for ${REDACTED}` });
    expect(logged.err.stack).not.toContain('001089012345');
  });
});
