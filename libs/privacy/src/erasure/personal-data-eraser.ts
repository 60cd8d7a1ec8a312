import { Inject, Injectable } from '@nestjs/common';
import { EventMetadata, EventStore, SqlDatabase, checkpoints, rowsAmong, startStream } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { matchedKind } from '@registry/shared-kernel';
import { randomUUID } from 'node:crypto';
import { storedBlindIndex } from '../personal-data-index/stored-blind-index';
import { kindOf } from '../personal-data-index/stored-kind';
import { roleOf } from '../personal-data-index/stored-role';
import { identifiersOf } from '../personal-data-index/stored-identifiers';
import { keyIdOf, storedKeyIds } from '../data-keys/stored-key-id';
import { Keyring } from '../crypto/keyring';
import { DataKeyStore } from '../data-keys/data-key-store';
import { ErasureSummary, LegalGround, PERSONAL_DATA_ERASED, erasureStream } from './erasure.events';
import { SubjectRecords, subjectRecords } from './subject-records';

export interface ErasureResult {
  readonly erasureId: string | null;
  readonly erasedRecords: number;
  readonly legalGround: LegalGround;
  /** What was erased: the personal values by kind, the records by role, each with its count. */
  readonly erased: ErasureSummary;
}

const INDEX = 'personal-data-index';
const INDEX_WAIT_MS = 10_000;

/**
 * Erasure by key destruction: the data keys of the matching records are destroyed and the
 * erasure recorded as an event, in one transaction. The events stay where they are and can no
 * longer be read; the read models drop what they held of them.
 */
@Injectable()
export class PersonalDataEraser {
  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly keys: DataKeyStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /** Every record of the person one identifier names (under the kind it is matched under): see subjectRecords. */
  async recordsOfSubject(kind: string, normalised: string): Promise<SubjectRecords> {
    await this.indexCaughtUp();
    const matched = matchedKind(kind, normalised);
    return subjectRecords(this.db.reader, matched, storedBlindIndex(this.keyring.indexKey, matched, normalised));
  }

  async recordsOfShop(platformId: string, shopId: string): Promise<string[]> {
    await this.indexCaughtUp();
    const rows = await this.db.reader.rows<{ key_id: string | Buffer }>(
      'SELECT key_id FROM personal_data_records WHERE platform_id = $1 AND shop_id = $2 ORDER BY key_id',
      [platformId, shopId],
    );
    return rows.map((r) => keyIdOf(r.key_id));
  }

  async erase(
    keyIds: readonly string[],
    how: { matchedBy: string; legalGround: LegalGround; reference: string },
    metadata: EventMetadata,
  ): Promise<ErasureResult> {
    if (keyIds.length === 0) return { erasureId: null, erasedRecords: 0, legalGround: how.legalGround, erased: { values: {}, records: {} } };
    const erasureId = randomUUID();
    const erased = await this.summaryOf(keyIds);
    await this.db.write(async (tx) => {
      await this.keys.destroy(tx, keyIds, how.legalGround);
      const event = { id: randomUUID(), type: PERSONAL_DATA_ERASED, data: { erasureId, keyIds, ...how, erased }, metadata };
      await startStream(this.store, erasureStream(erasureId), [event], tx);
    });
    this.keys.forget(keyIds);
    return { erasureId, erasedRecords: keyIds.length, legalGround: how.legalGround, erased };
  }

  /** Counts only: the kinds of the values the records hold and the roles they play, never the values. */
  private async summaryOf(keyIds: readonly string[]): Promise<ErasureSummary> {
    const values: Record<string, number> = {};
    const records: Record<string, number> = {};
    const rows = await rowsAmong<{ role: string; identifiers: string | Buffer }>(
      this.db.reader,
      storedKeyIds(this.db.dialect, keyIds),
      (among) => `SELECT role, identifiers FROM personal_data_records WHERE key_id ${among}`,
    );
    for (const row of rows) {
      const role = roleOf(row.role);
      records[role] = (records[role] ?? 0) + 1;
      for (const { kind: stored } of identifiersOf(row.identifiers)) values[kindOf(stored)] = (values[kindOf(stored)] ?? 0) + 1;
    }
    return { values, records };
  }

  /** The index is a projection: an erasure must also find what was registered a moment ago. */
  private async indexCaughtUp(): Promise<void> {
    const head = await this.store.headPosition();
    if (!(await checkpoints.waitFor(this.db.reader, INDEX, head, INDEX_WAIT_MS))) {
      throw new Error('the personal-data index is behind; try the erasure again');
    }
  }
}
