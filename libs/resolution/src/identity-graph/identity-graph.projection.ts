import { Inject, Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent, insertRows } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { Keyring, blindIndex } from '@registry/privacy/core';
import { RegistryFact } from '../domain';
import { Blind, FactChange, factChangesOf, factColumns } from './facts-from-events';

export const IDENTITY_GRAPH_PROJECTION = 'identity-graph';

/**
 * The identity graph as a read model: every fact with the event positions it stood between.
 * Incremental: an event adds facts, ends facts (a retraction, a superseding or withdrawn
 * attestation, an unlink), or re-verifies a claim (its facts end and start again with the new
 * verification). An erasure deletes the facts of the erased records, blind indexes included.
 * Operators are resolved from these facts when they are read (see FactNeighbourhood).
 */
@Injectable()
export class IdentityGraphProjection implements Projection {
  readonly name = IDENTITY_GRAPH_PROJECTION;
  private readonly blind: Blind;

  constructor(@Inject(KEYRING) keyring: Keyring) {
    this.blind = (kind, value) => blindIndex(keyring.indexKey, kind, value);
  }

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    let pending: unknown[][] = [];
    const flush = async () => {
      await insertRows(tx, 'resolution_facts', FACT_COLUMNS, pending, 'ON CONFLICT (fact_id) DO NOTHING');
      pending = [];
    };
    for (const event of events) {
      for (const change of factChangesOf(event, this.blind)) {
        if (change.type === 'add') {
          pending.push(rowOf(change.fact, change.source, change.dataKeyId, event.position));
          continue;
        }
        await flush();
        await this.applyOther(change, event.position, tx);
      }
    }
    await flush();
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM resolution_facts');
  }

  private async applyOther(change: Exclude<FactChange, { type: 'add' }>, position: number, tx: Sql): Promise<void> {
    switch (change.type) {
      case 'end':
        await tx.run('UPDATE resolution_facts SET removed_at = $1 WHERE source = $2 AND removed_at IS NULL AND added_at < $1', [position, change.source]);
        return;
      case 'reverify': {
        const standing = await tx.rows<{ body: string; data_key_id: string | null; source_position: number | string }>(
          'SELECT body, data_key_id, source_position FROM resolution_facts WHERE source = $1 AND removed_at IS NULL AND added_at < $2',
          [change.source, position],
        );
        if (standing.length === 0) return;
        await tx.run('UPDATE resolution_facts SET removed_at = $1 WHERE source = $2 AND removed_at IS NULL AND added_at < $1', [position, change.source]);
        const again = standing.map((row) => {
          const fact = JSON.parse(row.body) as RegistryFact;
          const factId = `${fact.factId.replace(/@\d+$/, '')}@${position}`;
          const renewed = {
            ...fact,
            factId,
            addedAt: position,
            removedAt: null,
            provenance: { ...fact.provenance, verification: change.verification },
          } as RegistryFact;
          return rowOf(renewed, change.source, row.data_key_id, Number(row.source_position));
        });
        await insertRows(tx, 'resolution_facts', FACT_COLUMNS, again, 'ON CONFLICT (fact_id) DO NOTHING');
        return;
      }
      case 'erase':
        for (let i = 0; i < change.dataKeyIds.length; i += 500) {
          const chunk = change.dataKeyIds.slice(i, i + 500);
          await tx.run(`DELETE FROM resolution_facts WHERE data_key_id IN (${chunk.map((_, n) => `$${n + 1}`).join(', ')})`, chunk);
        }
        return;
    }
  }
}

export const FACT_COLUMNS = [
  'fact_id',
  'kind',
  'source',
  'shop',
  'shop_b',
  'key1',
  'key2',
  'data_key_id',
  'source_position',
  'added_at',
  'removed_at',
  'valid_from',
  'valid_to',
  'body',
];

/** A fact as a row of the identity-graph table; the valid period in columns, so that a read can count a key's shops on a date. */
export function rowOf(fact: RegistryFact, source: string, dataKeyId: string | null, sourcePosition: number): unknown[] {
  const { shop, shopB, key1, key2 } = factColumns(fact);
  return [
    fact.factId,
    fact.kind,
    source,
    shop,
    shopB,
    key1,
    key2,
    dataKeyId,
    sourcePosition,
    fact.addedAt,
    fact.removedAt,
    fact.validFrom,
    fact.validTo,
    JSON.stringify({ ...fact, removedAt: null }),
  ];
}
