import { Injectable } from '@nestjs/common';
import { SqlDatabase, preparedOnPostgres } from '@registry/event-store';

/** Whether the database answers: readiness asks it without holding SQL of its own. */
@Injectable()
export class DatabasePing {
  constructor(private readonly db: SqlDatabase) {}

  get dialect(): string {
    return this.db.dialect;
  }

  /** On PostgreSQL both pools answer: the unmarked statement's, and the prepared reads' (sql-database.ts). */
  async ping(): Promise<void> {
    await this.db.reader.rows('SELECT 1 AS ok');
    if (this.db.dialect === 'postgres') await this.db.reader.rows(PREPARED_PING);
  }
}

const PREPARED_PING = preparedOnPostgres('SELECT 1 AS ok, 1 AS prepared');
