import { Inject, Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent, insertRows } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { parseShopStream } from '@registry/shared-kernel';
import { storedBlindIndex } from './stored-blind-index';
import { storedKind } from './stored-kind';
import { storedRole } from './stored-role';
import { Keyring } from '../crypto/keyring';
import { PERSONAL_DATA_ERASED, PersonalDataErased } from '../erasure/erasure.events';
import { identifiersIn } from './identifiers-in';

/**
 * Where personal data is: each data-subject record (its key, role, the shop it belongs
 * to and when that shop closed) and a blind index of every identifier in it, so that an erasure
 * request naming a phone or an ID number finds every record without decrypting anything.
 * Erased records drop out, and a rebuild finds nothing to index in them.
 */
@Injectable()
export class PersonalDataIndexProjection implements Projection {
  readonly name = 'personal-data-index';
  /** Reads and writes only its own tables: beside the other projections on PostgreSQL. */
  readonly standsAlone = true;

  constructor(@Inject(KEYRING) private readonly keyring: Keyring) {}

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    const pending = new PendingRows(this.keyring.indexKey);
    for (const event of events) {
      if (event.personalData && !event.personalData.erased) {
        pending.add(event);
        continue;
      }
      if (event.type !== 'ShopClosed' && event.type !== PERSONAL_DATA_ERASED) continue;
      await pending.flush(tx); // what follows reads the records indexed so far
      if (event.type === 'ShopClosed') await this.shopClosed(event, tx);
      else await this.drop((event as unknown as PersonalDataErased).data.keyIds, tx);
    }
    await pending.flush(tx);
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM personal_data_index');
    await tx.run('DELETE FROM personal_data_records');
  }

  /** Starts the retention clock of every record of the shop: its claims and the pickup points attested for it. */
  private async shopClosed(event: StoredEvent, tx: Sql): Promise<void> {
    const shop = parseShopStream(event.stream);
    if (!shop) return;
    await tx.run('UPDATE personal_data_records SET shop_closed_at = $1 WHERE platform_id = $2 AND shop_id = $3', [
      event.recordedAt,
      shop.platformId,
      shop.shopId,
    ]);
  }

  private async drop(keyIds: readonly string[], tx: Sql): Promise<void> {
    for (const keyId of keyIds) {
      await tx.run('DELETE FROM personal_data_index WHERE key_id = $1', [keyId]);
      await tx.run('DELETE FROM personal_data_records WHERE key_id = $1', [keyId]);
    }
  }
}

/** The records and index rows of a run of events, written as a few multi-row INSERTs. */
class PendingRows {
  private records: unknown[][] = [];
  /** By key id, kind and blind index: a record's events (an attestation and its renewals) name the same identifiers. */
  private index = new Map<string, [string, string, string]>();

  constructor(private readonly indexKey: Buffer) {}

  add(event: StoredEvent): void {
    const { keyId, fields } = event.personalData!;
    const data = event.data as Record<string, unknown>;
    const shop = parseShopStream(event.stream);
    this.records.push([
      keyId,
      storedRole(typeof data.role === 'string' ? data.role : event.type),
      shop?.platformId ?? (typeof data.platformId === 'string' ? data.platformId : null),
      shop?.shopId ?? (typeof data.shopId === 'string' ? data.shopId : null),
    ]);
    for (const { kind, value } of fields.flatMap((field) => identifiersIn(data[field], field))) {
      const [stored, blind] = [storedKind(kind), storedBlindIndex(this.indexKey, kind, value)];
      this.index.set(`${keyId}/${stored}/${blind}`, [keyId, stored, blind]);
    }
  }

  async flush(tx: Sql): Promise<void> {
    const [records, index] = [this.records, this.index];
    [this.records, this.index] = [[], new Map()];
    await insertRows(tx, 'personal_data_records', ['key_id', 'role', 'platform_id', 'shop_id'], records, 'ON CONFLICT (key_id) DO NOTHING');
    // The blind index is stored once, under no unique key: rows a record has already are left out here.
    const keyIds = [...new Set([...index.values()].map(([keyId]) => keyId))];
    for (let i = 0; i < keyIds.length; i += 500) {
      const chunk = keyIds.slice(i, i + 500);
      const stored = await tx.rows<{ key_id: string; kind: string; blind_index: string }>(
        `SELECT key_id, kind, blind_index FROM personal_data_index WHERE key_id IN (${chunk.map((_, n) => `$${n + 1}`).join(', ')})`,
        chunk,
      );
      for (const row of stored) index.delete(`${row.key_id}/${row.kind}/${row.blind_index}`);
    }
    await insertRows(tx, 'personal_data_index', ['key_id', 'kind', 'blind_index'], [...index.values()]);
  }
}
