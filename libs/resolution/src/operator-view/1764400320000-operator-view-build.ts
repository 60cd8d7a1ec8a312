import { DialectMigration } from '@registry/event-store';

/**
 * A build of the operator view from scratch goes in slices, each in a transaction of its own, so
 * that writes go on between them (a build in one transaction held every write of the embedded store
 * for minutes at a million shops). One row says at which point the build resolves the graph and
 * after which shop it goes on; the view has no point (reads walk) until the build is done.
 */
const table = (position: string) => [
  `CREATE TABLE operator_view_build (
     id INTEGER PRIMARY KEY,
     position ${position} NOT NULL,
     date TEXT NOT NULL,
     after_shop TEXT)`,
];

export class OperatorViewBuild1764400320000 extends DialectMigration {
  readonly name = 'OperatorViewBuild1764400320000';
  protected readonly sqlite = table('INTEGER');
  protected readonly postgres = table('BIGINT');
  protected override readonly sqliteDown = ['DROP TABLE operator_view_build'];
  protected override readonly postgresDown = this.sqliteDown;
}
