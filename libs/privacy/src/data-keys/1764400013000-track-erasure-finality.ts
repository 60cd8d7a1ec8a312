import { DialectMigration } from '@registry/event-store';

/** When a destroyed key was made final: no copy of it readable with the secrets that remain. */
export class TrackErasureFinality1764400013000 extends DialectMigration {
  readonly name = 'TrackErasureFinality1764400013000';
  protected readonly sqlite = ['ALTER TABLE data_keys ADD COLUMN finalized_at TEXT'];
  protected readonly postgres = ['ALTER TABLE data_keys ADD COLUMN finalized_at TIMESTAMPTZ'];
}
