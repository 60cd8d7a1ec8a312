import { randomUUID } from 'node:crypto';
import { DomainError, DomainEvent } from '@registry/shared-kernel';
import { CommandContext, StreamsDecider, handleStreamsCommand, runCommand, stampEvents, startStream } from '../command-handling';
import { ConcurrencyError } from '../errors';
import { EventStore } from '../event-store.port';
import { ContractSubject } from './event-store.contract';
import { anEvent } from './event-fixtures';

/** A ledger of accounts, one stream each: a transfer debits one and credits the other, both or neither. */
type LedgerEvent = DomainEvent<'Credited', { amount: number }> | DomainEvent<'Debited', { amount: number }>;
interface Transfer {
  readonly from: string;
  readonly to: string;
  readonly amount: number;
}
const transfers: StreamsDecider<Map<string, number>, Transfer, LedgerEvent> = {
  streams: ({ from, to }) => [from, to],
  initialState: () => new Map(),
  evolve: (balances, event, stream) =>
    new Map(balances).set(stream, (balances.get(stream) ?? 0) + (event.type === 'Credited' ? event.data.amount : -event.data.amount)),
  decide: ({ from, to, amount }, balances) => {
    if ((balances.get(from) ?? 0) < amount) throw DomainError.conflict(`${from} holds less than ${amount}`);
    return [
      { stream: from, events: [{ type: 'Debited', data: { amount } }] },
      { stream: to, events: [{ type: 'Credited', data: { amount } }] },
    ];
  },
};

const context: CommandContext = { metadata: { correlationId: randomUUID(), causationId: null, principal: 'test:ledger' } };
const credit = (amount: number) => anEvent('Credited', { amount });

/** The command runner over an adapter: several streams in one transaction, or the caller's; run once per adapter. */
export function describeCommandRunner(adapter: string, open: () => Promise<ContractSubject>): void {
  describe(`the command runner: ${adapter}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    const account = () => `account-${randomUUID()}`;
    /** The store as seen by a command that another writer races: it credits `stream` between the first decision and its append. */
    const racedOnce = (stream: string) => {
      const racing: EventStore = Object.create(store);
      let appends = 0;
      racing.appendAll = async (requests) => {
        if (appends++ === 0) await store.append(stream, [credit(1)], 'any');
        return store.appendAll(requests);
      };
      return { store: racing, appends: () => appends };
    };
    const typesIn = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.close());

    it('given money in one account, when it is transferred, then both streams hold their event, in one commit', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');

      const result = await handleStreamsCommand(store, transfers, { from: a, to: b, amount: 4 }, context);

      expect(await typesIn(a)).toEqual(['Credited', 'Debited']);
      expect(await typesIn(b)).toEqual(['Credited']);
      expect(result.versions).toEqual(
        new Map([
          [a, 2],
          [b, 1],
        ]),
      );
      expect(result.positions).toHaveLength(2);
    });

    it('when the decision refuses, then neither stream changes', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(3)], 'no_stream');

      await expect(handleStreamsCommand(store, transfers, { from: a, to: b, amount: 4 }, context)).rejects.toMatchObject({ kind: 'conflict' });

      expect(await typesIn(a)).toEqual(['Credited']);
      expect(await typesIn(b)).toEqual([]);
    });

    it('when another writer moved one of the streams and the client named the version it read, then nothing is appended', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');
      const racing = racedOnce(b);

      await expect(handleStreamsCommand(racing.store, transfers, { from: a, to: b, amount: 4 }, { ...context, expectedVersion: 1 })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );

      expect(racing.appends()).toBe(1);
      expect(await typesIn(a)).toEqual(['Credited']);
      expect(await typesIn(b)).toEqual(['Credited']);
    });

    it('when another writer moved one of the streams, then the command is decided again on fresh state', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');
      const racing = racedOnce(b);

      const result = await handleStreamsCommand(racing.store, transfers, { from: a, to: b, amount: 4 }, context);

      expect(racing.appends()).toBe(2);
      expect(await typesIn(a)).toEqual(['Credited', 'Debited']);
      expect((await store.readStream(b)).map((e) => e.data)).toEqual([{ amount: 1 }, { amount: 4 }]);
      expect(result.versions).toEqual(
        new Map([
          [a, 2],
          [b, 2],
        ]),
      );
    });

    /** A transfer as a reactor decides it inside its own transaction: a moved from version 1, b created. */
    const transferWithin = (a: string, b: string) => async () => ({
      changes: [
        { stream: a, version: 1, events: stampEvents([{ type: 'Debited', data: { amount: 4 } }], context) },
        { stream: b, version: 0, events: stampEvents([{ type: 'Credited', data: { amount: 4 } }], context) },
      ],
      result: null,
    });

    it('given the caller’s transaction, when the caller rolls it back, then no stream changes', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');

      await expect(
        subject.transaction(async (tx) => {
          await runCommand(store, transferWithin(a, b), { within: tx });
          throw new Error('the checkpoint moved');
        }),
      ).rejects.toThrow('the checkpoint moved');

      expect(await typesIn(a)).toEqual(['Credited']);
      expect(await typesIn(b)).toEqual([]);
    });

    it('given the caller’s transaction, when it commits, then the events commit with it', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');

      await subject.transaction((tx) => runCommand(store, transferWithin(a, b), { within: tx }));

      expect(await typesIn(a)).toEqual(['Credited', 'Debited']);
      expect(await typesIn(b)).toEqual(['Credited']);
    });

    it('given the caller’s transaction, when another writer moved one of the streams, then the conflict is the caller’s: decided once, nothing appended', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');
      await store.append(b, [credit(1)], 'no_stream');
      let decisions = 0;
      const transfer = transferWithin(a, b);
      const decide = () => {
        decisions++;
        return transfer();
      };

      await expect(subject.transaction((tx) => runCommand(store, decide, { within: tx }))).rejects.toBeInstanceOf(ConcurrencyError);

      expect(decisions).toBe(1);
      expect(await typesIn(a)).toEqual(['Credited']);
      expect(await typesIn(b)).toEqual(['Credited']);
    });

    it('when a record starts its own stream, then it is stored; given the stream exists, then it is refused and nothing is added', async () => {
      const record = account();
      await startStream(store, record, [credit(1)]);

      await expect(startStream(store, record, [credit(2)])).rejects.toBeInstanceOf(ConcurrencyError);

      expect((await store.readStream(record)).map((e) => e.data)).toEqual([{ amount: 1 }]);
    });

    it('given a request’s idempotency seed, when the request is sent again after it committed, then nothing is stored twice', async () => {
      const [a, b] = [account(), account()];
      await store.append(a, [credit(10)], 'no_stream');
      const seeded = { ...context, idSeed: randomUUID() };
      const first = await handleStreamsCommand(store, transfers, { from: a, to: b, amount: 4 }, seeded);

      const again = await handleStreamsCommand(store, transfers, { from: a, to: b, amount: 4 }, seeded);

      expect(await typesIn(a)).toEqual(['Credited', 'Debited']);
      expect(await typesIn(b)).toEqual(['Credited']);
      expect(again.positions).toEqual(first.positions);
    });
  });
}
