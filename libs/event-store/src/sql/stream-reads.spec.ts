import { ReadRow } from './event-rows';
import { StreamReads } from './stream-reads';

const row = (stream: string, version: number): ReadRow =>
  ({
    id: `${stream}-${version}`,
    stream,
    version,
    position: 0,
    type: 'T',
    schema_version: 1,
    data: '{}',
    metadata: '{}',
    recorded_at: '',
  }) as unknown as ReadRow;

/** A log of streams, and the statements asked of it. */
function aLog(streams: Record<string, number>) {
  const statements: string[][] = [];
  let failing = false;
  const reads = new StreamReads(async (asked) => {
    statements.push([...asked]);
    if (failing) throw new Error('connection lost');
    return asked.flatMap((stream) => Array.from({ length: streams[stream] ?? 0 }, (_, i) => row(stream, i + 1)));
  });
  return { reads, statements, fail: () => (failing = true) };
}

const versions = (rows: ReadRow[]) => rows.map((r) => `${r.stream}@${r.version}`);

describe('stream reads asked in one turn share one statement', () => {
  it('given reads of three streams asked together, one statement answers each with its own events', async () => {
    const { reads, statements } = aLog({ a: 2, b: 1 });

    const [a, b, c] = await Promise.all([reads.read('a', 1), reads.read('b', 1), reads.read('c', 1)]);

    expect(statements).toEqual([['a', 'b', 'c']]);
    expect([versions(a), versions(b), versions(c)]).toEqual([['a@1', 'a@2'], ['b@1'], []]);
  });

  it('given two reads of one stream from different versions, the stream is asked once and each gets its versions', async () => {
    const { reads, statements } = aLog({ a: 3 });

    const [all, later] = await Promise.all([reads.read('a', 1), reads.read('a', 3)]);

    expect(statements).toEqual([['a']]);
    expect([versions(all), versions(later)]).toEqual([['a@1', 'a@2', 'a@3'], ['a@3']]);
  });

  it('given a read asked after the statement went out, it waits for a statement of its own', async () => {
    const { reads, statements } = aLog({ a: 1, b: 1 });

    const first = reads.read('a', 1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = reads.read('b', 1);

    expect([versions(await first), versions(await second)]).toEqual([['a@1'], ['b@1']]);
    expect(statements).toEqual([['a'], ['b']]);
  });

  it('given more streams than a statement takes, they go in statements of 500', async () => {
    const { reads, statements } = aLog({});

    await Promise.all(Array.from({ length: 1001 }, (_, i) => reads.read(`s${i}`, 1)));

    expect(statements.map((s) => s.length)).toEqual([500, 500, 1]);
  });

  it('given a statement that fails, every read it carried fails with its error', async () => {
    const { reads, fail } = aLog({ a: 1 });
    fail();

    const outcomes = await Promise.allSettled([reads.read('a', 1), reads.read('b', 1)]);

    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'answered'))).toEqual(['connection lost', 'connection lost']);
  });
});
