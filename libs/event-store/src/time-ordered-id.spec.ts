import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version 7 UUID with the RFC 4122 variant', () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by the time it was made, whatever its random part', () => {
    const times = [1_700_000_000_000, 1_700_000_000_001, 1_700_000_060_000, 1_800_000_000_000];
    const ids = times.flatMap((t) => [timeOrderedId(t), timeOrderedId(t)]);
    const byTime = ids.filter((_, i) => i % 2 === 0);
    expect([...byTime].sort()).toEqual(byTime);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the time in its first 48 bits', () => {
    const id = timeOrderedId(1_764_400_000_000);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(1_764_400_000_000);
  });
});
