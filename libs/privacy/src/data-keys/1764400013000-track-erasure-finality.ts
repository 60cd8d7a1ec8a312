import { DialectMigration } from '@registry/event-store';

/**
 * When a destroyed key was made final: no copy of it readable with the secrets that remain. The
 * partial index holds only keys destroyed and not yet final, so live keys never touch it and
 * finalization finds its work without reading every key.
 */
const pending = 'CREATE INDEX data_keys_finality_pending ON data_keys (key_id) WHERE destroyed_at IS NOT NULL AND finalized_at IS NULL';

export class TrackErasureFinality1764400013000 extends DialectMigration {
  readonly name = 'TrackErasureFinality1764400013000';
  protected readonly sqlite = ['ALTER TABLE data_keys ADD COLUMN finalized_at TEXT', pending];
  protected readonly postgres = ['ALTER TABLE data_keys ADD COLUMN finalized_at TIMESTAMPTZ', pending];
}
