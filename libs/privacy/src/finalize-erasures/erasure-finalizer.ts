import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SqlDatabase } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '@registry/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataKeyStore } from '../data-keys/data-key-store';

export interface FinalizationReport {
  readonly finalizedAt: string;
  /** Data keys destroyed by erasures since the last finalization, now final. */
  readonly erasedKeys: number;
  /** The master key that wraps the live data keys now; the ones before it are gone from the key file. */
  readonly masterKey: { readonly id: string; readonly rewrappedDataKeys: number; readonly destroyed: readonly string[] } | null;
  /** What was done to the database files. */
  readonly storage: readonly string[];
}

/** The tables that hold wrapped keys and blind indexes of personal data. */
const PRIVACY_TABLES = ['data_keys', 'personal_data_index', 'personal_data_records'];
const CHECKPOINT_ATTEMPTS = 20;

/**
 * Makes erasures final: after it, nobody holding the database files, the WAL and the current
 * secrets can read an erased key or value. Destroying a data key only clears its row; copies of
 * the wrapped key stay in the WAL, in freed pages and (on PostgreSQL) in dead tuples until the
 * storage reuses them. So the master key that wrapped them is replaced and destroyed: every live
 * key is re-wrapped under a new one, and whatever copy is left is wrapped under a key nobody
 * holds. On SQLite the files are also cleaned for the blind indexes of erased identifiers
 * (secure_delete zeroes what is deleted; the WAL is checkpointed and truncated), on PostgreSQL
 * the privacy tables are vacuumed. Runs on a schedule in the process that runs projections, and
 * from the CLI (`finalize-erasures`).
 */
@Injectable()
export class ErasureFinalizer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ErasureFinality');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly keys: DataKeyStore,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsProjections(this.config) || this.config.erasureFinalizeIntervalHours === 0) return;
    this.timer = setInterval(() => {
      this.finalize().catch((error) => this.logger.error({ msg: 'erasure finalization failed', error: String(error) }));
    }, this.config.erasureFinalizeIntervalHours * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** `vacuum`: rebuild the SQLite file too, once, for a database that ran before secure_delete was on. */
  async finalize(options: { readonly vacuum?: boolean } = {}): Promise<FinalizationReport> {
    const finalizedAt = new Date().toISOString();
    // As stored (see `storedKeyId`): they go back to the table they come from.
    const pending = (
      await this.db.reader.rows<{ key_id: string | Buffer }>(
        'SELECT key_id FROM data_keys WHERE destroyed_at IS NOT NULL AND finalized_at IS NULL ORDER BY key_id',
      )
    ).map((row) => row.key_id);
    if (pending.length === 0 && !options.vacuum) return { finalizedAt, erasedKeys: 0, masterKey: null, storage: [] };
    const rotation = pending.length > 0 ? await this.keys.rotateMasterKey() : null;
    const storage = this.db.dialect === 'sqlite' ? await this.cleanSqlite(options.vacuum === true) : await this.cleanPostgres();
    await this.db.write(async (tx) => {
      for (const keyId of pending) await tx.run('UPDATE data_keys SET finalized_at = $1 WHERE key_id = $2', [finalizedAt, keyId]);
    });
    const report: FinalizationReport = {
      finalizedAt,
      erasedKeys: pending.length,
      masterKey: rotation && { id: rotation.masterKeyId, rewrappedDataKeys: rotation.rewrapped, destroyed: rotation.destroyed },
      storage,
    };
    this.logger.log({ msg: 'erasures finalized', ...report });
    return report;
  }

  private async cleanSqlite(vacuum: boolean): Promise<string[]> {
    const done: string[] = [];
    if (vacuum) {
      await this.db.maintain('VACUUM');
      done.push('database rebuilt (VACUUM)');
    }
    // A reader still on an old snapshot keeps the WAL from being truncated: it ends within moments.
    for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
      const [result] = await this.db.maintain<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
      if (Number(result?.busy ?? 0) === 0) return [...done, 'WAL checkpointed into the database file and truncated'];
      await sleep(250);
    }
    throw new Error('the WAL could not be truncated: a reader held it the whole time; run finalize-erasures again');
  }

  private async cleanPostgres(): Promise<string[]> {
    await this.db.maintain(`VACUUM ${PRIVACY_TABLES.join(', ')}`);
    return [`dead tuples of ${PRIVACY_TABLES.join(', ')} vacuumed`];
  }
}
