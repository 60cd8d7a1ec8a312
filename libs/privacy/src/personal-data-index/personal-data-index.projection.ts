import { Inject, Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent, insertRows } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { parseShopStream } from '@registry/shared-kernel';
import { storedBlindIndexOf } from './stored-blind-index';
import { storedKind } from './stored-kind';
import { storedRole } from './stored-role';
import { StoredIdentifier, identifiersOfRecords, storedIdentifiers } from './stored-identifiers';
import { BLIND_PREFIX } from './1764400061000-store-blind-index-once';
import { Keyring } from '../crypto/keyring';
import { PERSONAL_DATA_ERASED, PersonalDataErased } from '../erasure/erasure.events';
import { identifiersIn } from './identifiers-in';
import { storedKeyId } from '../data-keys/stored-key-id';

/**
 * Where personal data is: each data-subject record (its key, role, the shop it belongs to, when
 * that shop closed, and the blind index of every identifier in it) and a lookup from the first
 * characters of each blind index to the records that hold it, so that an erasure request naming a
 * phone or an ID number finds every record without decrypting anything.
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
    for (const [keyId, identifiers] of await identifiersOfRecords(tx, keyIds)) {
      const stored = storedKeyId(tx.dialect, keyId);
      for (const { kind, blind } of identifiers) {
        await tx.run('DELETE FROM personal_data_index WHERE kind = $1 AND blind_prefix = $2 AND key_id = $3', [kind, blind.slice(0, BLIND_PREFIX), stored]);
      }
      await tx.run('DELETE FROM personal_data_records WHERE key_id = $1', [stored]);
    }
  }
}

/** The records and index rows of a run of events, written as a few multi-row statements. */
class PendingRows {
  /** By key id: a record's events (a claim and another of the same person, an attestation and its renewals) add to one record. */
  private records = new Map<string, { row: unknown[]; identifiers: Map<string, StoredIdentifier> }>();

  constructor(private readonly indexKey: Buffer) {}

  add(event: StoredEvent): void {
    const { keyId, fields } = event.personalData!;
    const data = event.data as Record<string, unknown>;
    let record = this.records.get(keyId);
    if (!record) {
      const shop = parseShopStream(event.stream);
      const row = [
        storedRole(typeof data.role === 'string' ? data.role : event.type),
        shop?.platformId ?? (typeof data.platformId === 'string' ? data.platformId : null),
        shop?.shopId ?? (typeof data.shopId === 'string' ? data.shopId : null),
      ];
      this.records.set(keyId, (record = { row, identifiers: new Map() }));
    }
    for (const { kind, value } of fields.flatMap((field) => identifiersIn(data[field], field))) {
      const identifier = { kind: storedKind(kind), blind: storedBlindIndexOf(event, this.indexKey, kind, value) };
      record.identifiers.set(identifier.kind + identifier.blind, identifier);
    }
  }

  async flush(tx: Sql): Promise<void> {
    const records = this.records;
    this.records = new Map();
    if (records.size === 0) return;
    // A record indexed before (its key shared with an earlier event) keeps its row: the identifiers it lacks are added to it.
    const stored = await identifiersOfRecords(tx, [...records.keys()]);
    const lookup: unknown[][] = [];
    for (const [keyId, known] of stored) {
      const record = records.get(keyId)!;
      records.delete(keyId);
      for (const { kind, blind } of known) record.identifiers.delete(kind + blind);
      if (record.identifiers.size === 0) continue;
      const storedId = storedKeyId(tx.dialect, keyId);
      await tx.run('UPDATE personal_data_records SET identifiers = $1 WHERE key_id = $2', [
        storedIdentifiers(tx.dialect, [...known, ...record.identifiers.values()]),
        storedId,
      ]);
      for (const { kind, blind } of record.identifiers.values()) lookup.push([kind, blind.slice(0, BLIND_PREFIX), storedId]);
    }
    await insertRows(
      tx,
      'personal_data_records',
      ['key_id', 'role', 'platform_id', 'shop_id', 'identifiers'],
      [...records.entries()].map(([keyId, { row, identifiers }]) => [
        storedKeyId(tx.dialect, keyId),
        ...row,
        storedIdentifiers(tx.dialect, identifiers.values()),
      ]),
    );
    for (const [keyId, { identifiers }] of records) {
      const storedId = storedKeyId(tx.dialect, keyId);
      for (const { kind, blind } of identifiers.values()) lookup.push([kind, blind.slice(0, BLIND_PREFIX), storedId]);
    }
    // Two identifiers of one record with the same first characters share a lookup row.
    await insertRows(tx, 'personal_data_index', ['kind', 'blind_prefix', 'key_id'], lookup, 'ON CONFLICT DO NOTHING');
  }
}
