import { NewEvent, StoredEvent } from '../envelope';
import { Sql, SqlDialect } from './sql';

export interface EventRow {
  readonly position?: number | string;
  readonly id: string;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string | object;
  readonly metadata: string | object;
  readonly recorded_at: string | Date;
}

interface StoredId {
  stream: string;
  version: number;
  position: number;
}

const COLUMNS = 'position, id, stream, version, type, schema_version, data, metadata, recorded_at';
/** Stays under SQLite's limit of 32,766 parameters per statement. */
const SQLITE_ROWS_PER_INSERT = 500;
/** Any constant works, as long as every process appending to this database uses the same. */
const APPEND_LOCK_KEY = 4_711_001;

/** The SQL that differs between SQLite and PostgreSQL, and the mapping of rows to envelopes. */
export function eventRowsSql(dialect: SqlDialect) {
  const postgres = dialect === 'postgres';
  const parse = (value: string | object) => (typeof value === 'string' ? JSON.parse(value) : value);

  return {
    lockAppends: `SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`,
    selectStream: `SELECT ${COLUMNS} FROM events WHERE stream = $1 AND version >= $2 ORDER BY version`,
    selectAll: `SELECT ${COLUMNS} FROM events WHERE position >= $1 ORDER BY position LIMIT $2`,

    toRow(stream: string, version: number, event: NewEvent, recordedAt: string): EventRow {
      return {
        id: event.id,
        stream,
        version,
        type: event.type,
        schema_version: event.schemaVersion ?? 1,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recorded_at: recordedAt,
      };
    },

    toStoredEvent(row: EventRow): StoredEvent {
      return {
        id: row.id,
        stream: row.stream,
        version: Number(row.version),
        position: Number(row.position),
        type: row.type,
        schemaVersion: Number(row.schema_version),
        data: parse(row.data),
        metadata: parse(row.metadata),
        recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : row.recorded_at,
      } as StoredEvent;
    },

    async loadVersions(tx: Sql, streams: readonly string[]): Promise<Map<string, number>> {
      if (streams.length === 0) return new Map();
      const rows = postgres
        ? await tx.rows<{ stream: string; version: number }>(
            'SELECT stream, MAX(version) AS version FROM events WHERE stream = ANY($1::text[]) GROUP BY stream',
            [streams],
          )
        : await tx.rows<{ stream: string; version: number }>(
            `SELECT stream, MAX(version) AS version FROM events WHERE stream IN (${placeholders(streams.length)}) GROUP BY stream`,
            streams,
          );
      return new Map(rows.map((r) => [r.stream, Number(r.version)]));
    },

    async loadStored(tx: Sql, ids: readonly string[]): Promise<Map<string, StoredId>> {
      if (ids.length === 0) return new Map();
      const sql = postgres
        ? 'SELECT id, stream, version, position FROM events WHERE id = ANY($1::uuid[])'
        : `SELECT id, stream, version, position FROM events WHERE id IN (${placeholders(ids.length)})`;
      const rows = await tx.rows<StoredId & { id: string }>(sql, postgres ? [ids] : ids);
      return new Map(rows.map((r) => [r.id, { stream: r.stream, version: Number(r.version), position: Number(r.position) }]));
    },

    /** Inserts (never TypeORM's `save`, which selects first) and returns each new event's position. */
    async insert(tx: Sql, rows: readonly EventRow[]): Promise<Map<string, number>> {
      const positions = new Map<string, number>();
      if (rows.length === 0) return positions;
      if (postgres) {
        const inserted = await tx.rows<{ id: string; position: string }>(
          `INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[])
           RETURNING id, position`,
          [
            rows.map((r) => r.id),
            rows.map((r) => r.stream),
            rows.map((r) => r.version),
            rows.map((r) => r.type),
            rows.map((r) => r.schema_version),
            rows.map((r) => r.data),
            rows.map((r) => r.metadata),
            rows.map((r) => r.recorded_at),
          ],
        );
        inserted.forEach((r) => positions.set(r.id, Number(r.position)));
        return positions;
      }
      for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + SQLITE_ROWS_PER_INSERT);
        const values = chunk.map((_, i) => `(${placeholders(8, i * 8 + 1)})`).join(', ');
        const inserted = await tx.rows<{ id: string; position: number }>(
          `INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at) VALUES ${values} RETURNING id, position`,
          chunk.flatMap((r) => [r.id, r.stream, r.version, r.type, r.schema_version, r.data, r.metadata, r.recorded_at]),
        );
        inserted.forEach((r) => positions.set(r.id, Number(r.position)));
      }
      return positions;
    },
  };
}

function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}
