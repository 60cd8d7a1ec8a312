import { timeOrderedId } from '@registry/event-store';
import { dataKeyId, dataKeyIdFrom } from './data-key-id';

describe('a data key id', () => {
  it('takes 17 characters, digits and lowercase letters', () => {
    expect(dataKeyId()).toMatch(/^[0-9a-v]{17}$/);
  });

  it('is unique among many made in one millisecond, and they sort in the order they were made', () => {
    const ids = Array.from({ length: 50_000 }, () => dataKeyId(0)); // never back in time: all in the millisecond of the last id
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('sorts by time, after the id prefix of its time, and after every UUID a key had before', () => {
    const at = Date.now() + 3_600_000; // ids never go back in time within a process: after those made above
    const [before, id, later] = [dataKeyId(at - 1), dataKeyId(at), dataKeyId(at + 60_000)];
    expect([later, id, before].sort()).toEqual([before, id, later]);
    expect(id > dataKeyIdFrom(at) && before < dataKeyIdFrom(at)).toBe(true);
    expect(timeOrderedId(Date.UTC(2100, 0, 1)) < dataKeyId(at)).toBe(true);
  });
});
