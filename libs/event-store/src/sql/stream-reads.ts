import { ReadRow } from './event-rows';

interface WaitingRead {
  readonly stream: string;
  readonly fromVersion: number;
  readonly resolve: (rows: ReadRow[]) => void;
  readonly reject: (error: unknown) => void;
}

/** Streams one statement reads at most. */
const STREAMS_PER_READ = 500;

/**
 * Stream reads asked for in one turn of the event loop, read together in one statement: on
 * PostgreSQL every statement is a round trip, and a bulk registration decides a hundred shops at
 * once, each reading its stream first (about 400 round trips a second at 2,000 new claims a second,
 * as many as every other statement together). A read asked for after the statement went out waits
 * for the next one, so each read sees at least what was committed when it was asked for.
 */
export class StreamReads {
  private waiting: WaitingRead[] = [];

  /** `readMany`: the rows of these streams, in (stream, version) order. */
  constructor(private readonly readMany: (streams: readonly string[]) => Promise<ReadRow[]>) {}

  /** The rows of a stream from a version (inclusive), in version order. */
  read(stream: string, fromVersion: number): Promise<ReadRow[]> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.readWaiting());
      this.waiting.push({ stream, fromVersion, resolve, reject });
    });
  }

  private async readWaiting(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    const streams = [...new Set(waiting.map((read) => read.stream))];
    for (let start = 0; start < streams.length; start += STREAMS_PER_READ) {
      const some = new Set(streams.slice(start, start + STREAMS_PER_READ));
      const reads = waiting.filter((read) => some.has(read.stream));
      try {
        const byStream = new Map<string, ReadRow[]>();
        for (const row of await this.readMany([...some])) {
          const rows = byStream.get(row.stream);
          if (rows) rows.push(row);
          else byStream.set(row.stream, [row]);
        }
        for (const read of reads) read.resolve((byStream.get(read.stream) ?? []).filter((row) => Number(row.version) >= read.fromVersion));
      } catch (error) {
        for (const read of reads) read.reject(error);
      }
    }
  }
}
