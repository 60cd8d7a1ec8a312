import { comparableTime, compactTime } from './compact-time';

const asBytes = (ms: number) => {
  const bytes = Buffer.alloc(6);
  bytes.writeUIntBE(ms, 0, 6);
  return bytes;
};

describe('the compact form of a recorded time', () => {
  it('stores an ISO time as milliseconds that give the same text back and, as 6 bytes, sort as the times do', () => {
    const times = ['1970-01-01T00:00:00.000Z', '2026-01-02T03:04:05.678Z', '2026-01-02T03:04:05.679Z', '9999-12-31T23:59:59.999Z'];
    const stored = times.map((t) => compactTime(t)!);
    stored.forEach((ms, i) => {
      expect(new Date(ms).toISOString()).toBe(times[i]);
      if (i > 0) expect(Buffer.compare(asBytes(stored[i - 1]), asBytes(ms))).toBe(-1);
    });
  });

  it('leaves a time to its text when the milliseconds would not give it back', () => {
    for (const time of ['2026-01-02T03:04:05Z', '2026-01-02', '1969-12-31T23:59:59.999Z', 'soon']) expect(compactTime(time)).toBeUndefined();
  });

  it('compares any time with the stored ones, before 1970 included', () => {
    const stored = asBytes(compactTime('2026-01-02T03:04:05.678Z')!);
    expect(Buffer.compare(stored, comparableTime('2026-01-02T03:04:05.678Z'))).toBe(0);
    expect(Buffer.compare(stored, comparableTime('2026-01-02'))).toBe(1);
    expect(Buffer.compare(asBytes(compactTime('1970-01-01T00:00:00.000Z')!), comparableTime('1969-01-01T00:00:00.000Z'))).toBe(1);
    expect(() => comparableTime('soon')).toThrow(RangeError);
  });
});
