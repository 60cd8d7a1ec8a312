import { Inject, Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { Keyring, blindIndexOf } from '@registry/privacy/core';
import { RegistryFact } from '../domain';
import { FactRow, StoredFact, eraseFacts, factOf, factSelect, sourceIs, writeFacts } from './fact-table';
import { Blind, FactChange, factChangesOf } from './facts-from-events';

export const IDENTITY_GRAPH_PROJECTION = 'identity-graph';

/**
 * The identity graph as a read model: every fact with the event positions it stood between.
 * Incremental: an event adds facts, ends facts (a retraction, a superseding or withdrawn
 * attestation, an unlink), or re-verifies a claim (its facts end and start again with the new
 * verification). An erasure deletes the facts of the erased records, blind indexes included, and
 * records the shops and the identifiers left that they named, for the operator view.
 * Operators are resolved from these facts when they are read (see FactNeighbourhood).
 */
@Injectable()
export class IdentityGraphProjection implements Projection {
  readonly name = IDENTITY_GRAPH_PROJECTION;
  constructor(@Inject(KEYRING) private readonly keyring: Keyring) {}

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    let pending: StoredFact[] = [];
    const flush = async () => {
      await writeFacts(tx, pending);
      pending = [];
    };
    for (const event of events) {
      // Kept with the event: the personal-data index blinds the same identifiers of it.
      const blind: Blind = (kind, value) => blindIndexOf(event, this.keyring.indexKey, kind, value);
      for (const change of factChangesOf(event, blind)) {
        if (change.type === 'add') {
          pending.push({ fact: change.fact, source: change.source, dataKeyId: change.dataKeyId, sourcePosition: event.position });
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
    await tx.run('DELETE FROM resolution_data_keys');
    await tx.run('DELETE FROM resolution_names');
    await tx.run('DELETE FROM resolution_erasures');
    // The operator view keeps its counts by these names' numbers, which the rebuilt graph hands out
    // anew (on PostgreSQL, other numbers): without its point, its next batch builds it again.
    await tx.run('DELETE FROM operator_view_state');
  }

  private async applyOther(change: Exclude<FactChange, { type: 'add' }>, position: number, tx: Sql): Promise<void> {
    const end = (source: string) => {
      const { where, params } = sourceIs(tx.dialect, source, 2);
      return tx.run(`UPDATE resolution_facts SET removed_at = $1 WHERE ${where} AND removed_at IS NULL AND added_at < $1`, [position, ...params]);
    };
    switch (change.type) {
      case 'end':
        await end(change.source);
        return;
      case 'reverify': {
        const { where, params } = sourceIs(tx.dialect, change.source, 2, 'f.');
        const standing = await tx.rows<FactRow>(`${factSelect(tx.dialect)} WHERE ${where} AND f.removed_at IS NULL AND f.added_at < $1`, [position, ...params]);
        if (standing.length === 0) return;
        await end(change.source);
        await writeFacts(
          tx,
          standing.map((row) => {
            const fact = factOf(row);
            const renewed = {
              ...fact,
              factId: `${fact.factId.replace(/@\d+$/, '')}@${position}`,
              addedAt: position,
              removedAt: null,
              provenance: { ...fact.provenance, verification: change.verification },
            } as RegistryFact;
            // The source's data key is stored already, with the facts it first gave.
            return { fact: renewed, source: change.source, dataKeyId: null, sourcePosition: Number(row.source_position) };
          }),
        );
        return;
      }
      case 'erase':
        await eraseFacts(tx, change.dataKeyIds, position);
        return;
    }
  }
}
