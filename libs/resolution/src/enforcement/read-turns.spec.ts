import { ReadTurns } from './read-turns';

/** One turn of the event loop: what runs in its check phase has run when this resolves. */
const nextTurn = () => new Promise<void>((done) => setImmediate(done));

describe('ReadTurns', () => {
  // The clock is the test's: a read "takes" as long as the test says, nothing is timed.
  let now: number;
  let turns: ReadTurns;
  let ran: string[];
  const read = (name: string, costMs: number) =>
    turns.take().then(() => {
      ran.push(name);
      now += costMs;
    });

  beforeEach(() => {
    now = 0;
    turns = new ReadTurns(10, () => now);
    ran = [];
  });

  it('runs reads at once while the turn has time left', async () => {
    const reads = [read('a', 4), read('b', 4)];
    await Promise.resolve();
    await Promise.resolve();
    expect(ran).toEqual(['a', 'b']);
    await Promise.all(reads);
  });

  it('leaves the reads beyond the slice to later turns, first come first served', async () => {
    const a = read('a', 12);
    await a;
    // The slice is spent: these wait, in their order, even the one that would fit.
    const rest = [read('b', 6), read('c', 6), read('d', 1)];
    await Promise.resolve();
    expect(ran).toEqual(['a']);
    await nextTurn();
    // The next turn runs what fits in a slice: b and c (6 + 6 ms, the second begun within it), then d waits again.
    expect(ran).toEqual(['a', 'b', 'c']);
    await nextTurn();
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    await Promise.all(rest);
  });

  it('keeps a newcomer behind the reads already waiting', async () => {
    await read('a', 12);
    const waiting = read('b', 1);
    await Promise.resolve();
    now += 100; // the turn ends; a new one would have time, but b came first
    const late = read('c', 1);
    await nextTurn();
    expect(ran).toEqual(['a', 'b', 'c']);
    await Promise.all([waiting, late]);
  });
});
