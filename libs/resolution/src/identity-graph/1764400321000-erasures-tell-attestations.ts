import { DialectMigration } from '@registry/event-store';

/**
 * Each identifier an erasure took facts from says whether an attestation was among them (1) or only
 * claims (0). Only an erased attestation's event was shown with the answers of every shop stating the
 * identifier, so only then are they all resolved again (issue 12: erasing a holder whose payout claim
 * was on a collection account resolved every shop paid into it). Rows from before are NULL, read as
 * attested: what the view did before.
 */
const column = ['ALTER TABLE resolution_erasures ADD COLUMN attested SMALLINT'];

export class ErasuresTellAttestations1764400321000 extends DialectMigration {
  readonly name = 'ErasuresTellAttestations1764400321000';
  protected readonly sqlite = column;
  protected readonly postgres = column;
  protected override readonly sqliteDown = ['ALTER TABLE resolution_erasures DROP COLUMN attested'];
  protected override readonly postgresDown = this.sqliteDown;
}
