import { DialectMigration } from '@registry/event-store';

/**
 * What each erasure took out of the identity graph, for the operator view to resolve again only the
 * shops it can touch (issue 12): the shops the erased facts named, and the identifiers they stated
 * that other facts still state (numbers into `resolution_names`; an identifier no fact states any
 * more is gone with its name). An erasure deletes facts instead of ending them, so afterwards the
 * graph alone cannot tell what it changed. The view forgets a row once it has moved past it, in the
 * same transaction when it runs with the graph, so a row outlives its transaction only while the view
 * is behind. Nothing to fill in for an old data folder: its view was built past every erasure.
 */
const tables = (position: string) => [
  `CREATE TABLE resolution_erasures (
     position ${position} NOT NULL,
     shop TEXT,
     key INTEGER)`,
  'CREATE INDEX resolution_erasures_position ON resolution_erasures (position)',
];

export class RecordErasures1764400100000 extends DialectMigration {
  readonly name = 'RecordErasures1764400100000';
  protected readonly sqlite = tables('INTEGER');
  protected readonly postgres = tables('BIGINT');
}
