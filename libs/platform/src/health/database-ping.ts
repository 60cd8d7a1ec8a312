import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '@registry/event-store';

/** Whether the database answers: readiness asks it without holding SQL of its own. */
@Injectable()
export class DatabasePing {
  constructor(private readonly db: SqlDatabase) {}

  get dialect(): string {
    return this.db.dialect;
  }

  async ping(): Promise<void> {
    await this.db.reader.rows('SELECT 1 AS ok');
  }
}
