import { MigrationInterface, QueryRunner } from 'typeorm';

/** A migration written once per dialect: statements run in order inside TypeORM's migration transaction. */
export abstract class DialectMigration implements MigrationInterface {
  abstract readonly name: string;
  protected abstract readonly sqlite: readonly string[];
  protected abstract readonly postgres: readonly string[];
  protected readonly sqliteDown: readonly string[] = [];
  protected readonly postgresDown: readonly string[] = [];

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of this.isPostgres(runner) ? this.postgres : this.sqlite) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of this.isPostgres(runner) ? this.postgresDown : this.sqliteDown) await runner.query(statement);
  }

  private isPostgres(runner: QueryRunner): boolean {
    return runner.connection.options.type === 'postgres';
  }
}
