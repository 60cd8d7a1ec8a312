import { DialectMigration } from '@registry/event-store';

/**
 * The operator view: each shop's operator at "now", and each operator's answer as enforcement is
 * shown it (controllers ranked, nominee flags, hubs and leads counted), kept by the operator-view
 * projection so that a read at "now" is a few indexed reads instead of a walk of the graph. The
 * answer holds blind indexes and fact references only, never a clear value. One row of
 * `operator_view_state` says at which identity-graph position and on which date it was resolved.
 * Old data folders get empty tables: the projection's first batch builds the view from the graph.
 */
const tables = (position: string) => [
  `CREATE TABLE operator_view_state (
     id INTEGER PRIMARY KEY,
     position ${position} NOT NULL,
     date TEXT NOT NULL)`,
  `CREATE TABLE operator_view_operators (
     operator_id TEXT PRIMARY KEY,
     answer TEXT NOT NULL,
     source_positions TEXT NOT NULL,
     truncated INTEGER NOT NULL)`,
  `CREATE TABLE operator_view_shops (
     shop TEXT PRIMARY KEY,
     operator_id TEXT NOT NULL)`,
  'CREATE INDEX operator_view_shops_operator ON operator_view_shops (operator_id)',
];

export class CreateOperatorView1764400050000 extends DialectMigration {
  readonly name = 'CreateOperatorView1764400050000';
  protected readonly sqlite = tables('INTEGER');
  protected readonly postgres = tables('BIGINT');
  protected override readonly sqliteDown = ['DROP TABLE operator_view_shops', 'DROP TABLE operator_view_operators', 'DROP TABLE operator_view_state'];
  protected override readonly postgresDown = this.sqliteDown;
}
