import { DialectMigration } from '@registry/event-store';

/**
 * The last part of a build of the operator view, counting the shops stating each key, goes in
 * slices of keys too (one statement over every fact held the embedded store's writes, and the event
 * loop, for 0.7 s at 50,000 shops and some 15 s at a million). The build's row says up to which key
 * it has counted: NULL while it still resolves shops.
 */
const add = ['ALTER TABLE operator_view_build ADD COLUMN counted_to BIGINT'];
const drop = ['ALTER TABLE operator_view_build DROP COLUMN counted_to'];

export class KeyCountsInSlices1764400330000 extends DialectMigration {
  readonly name = 'KeyCountsInSlices1764400330000';
  protected readonly sqlite = add;
  protected readonly postgres = add;
  protected override readonly sqliteDown = drop;
  protected override readonly postgresDown = drop;
}
