import { EventMetadata, NewEvent, StoredEvent } from '../envelope';
import { Sql, SqlDialect, preparedFor, preparedOnPostgres } from './sql';
import { placeholderList } from './rows-where-in';
import { eventIdOf, idForms, isStoredAsBytes, storedEventId } from './stored-event-id';
import { metadataOf, storedMetadata } from './stored-metadata';
import { asBuffer, compactData, storedEventData, storedHead } from './compact/compact-data';
import { compactMetadata, metadataFromBytes } from './compact/compact-metadata';
import { comparableTime, compactTime } from './compact/compact-time';

export interface EventRow {
  readonly position?: number | string;
  readonly id: string;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  /**
   * SQLite: new rows hold their data in a compact form (compact/compact-data.ts) and, when they fit
   * it, the usual metadata and the time with it, the two columns then empty; older rows JSON and ISO text.
   */
  readonly data: string | object | Uint8Array;
  readonly metadata: string | object;
  readonly recorded_at: string | Date;
}

/** A row as read: SQLite gives a UUID back as its bytes (stored-event-id.ts). */
export type ReadRow = Omit<EventRow, 'id'> & { readonly id: string | Uint8Array };

interface StoredId {
  stream: string;
  version: number;
  position: number;
}

const COLUMNS = 'position, id, stream, version, type, schema_version, data, metadata, recorded_at';
/**
 * On PostgreSQL the time comes back already in the envelope's ISO form: parsing a timestamptz
 * into a Date and formatting it again cost about a third of the time of reading events.
 */
const POSTGRES_READ_COLUMNS = `position, id, stream, version, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;
/** Stays under SQLite's limit of 32,766 parameters per statement. */
const SQLITE_ROWS_PER_INSERT = 500;
const SQLITE_GUARDED_STREAMS = 16;
/** Ids per lookup, each in two forms (stored-event-id.ts): well under SQLite's parameter limit. */
const SQLITE_IDS_PER_LOOKUP = 10_000;
/** Any constant works, as long as every process appending to this database uses the same. */
export const APPEND_LOCK_KEY = 4_711_001;

/**
 * The guarded insert of migration 1764400070000. All rows travel as one JSON document (built from
 * the already serialised data and metadata), not as eight arrays: the driver escapes every element
 * of an array parameter, which costs about 5 µs per event for ~450 bytes of JSON.
 */
const POSTGRES_APPEND_EVENTS = preparedOnPostgres(
  'SELECT event_id AS id, event_position AS position FROM append_events($1::jsonb, $2::uuid[], $3::text[], $4::int[])',
);

const POSTGRES_SELECT_POSITIONS = preparedOnPostgres(`SELECT ${POSTGRES_READ_COLUMNS} FROM events WHERE position = ANY($1::bigint[]) ORDER BY position`);

function rowsDocument(rows: readonly EventRow[]): string {
  return `[${rows
    .map(
      (r) =>
        `{"id":"${r.id}","stream":${JSON.stringify(r.stream)},"version":${r.version},"type":${JSON.stringify(r.type)},` +
        `"schema_version":${r.schema_version},"data":${r.data},"metadata":${r.metadata},"recorded_at":"${r.recorded_at}"}`,
    )
    .join(',')}]`;
}

/** The SQL that differs between SQLite and PostgreSQL, and the mapping of rows to envelopes. */
export function eventRowsSql(dialect: SqlDialect) {
  const postgres = dialect === 'postgres';
  const read = postgres ? POSTGRES_READ_COLUMNS : COLUMNS;
  const maxGuardedRows = postgres ? Number.POSITIVE_INFINITY : SQLITE_ROWS_PER_INSERT;
  // SQLite checks each stream's version with a subquery of its own, prepared anew for every shape:
  // for an append of many streams, looking the versions up once and inserting is cheaper.
  const maxGuardedStreams = postgres ? Number.POSITIVE_INFINITY : SQLITE_GUARDED_STREAMS;
  /** SQLite: whether ids an earlier version stored as text are there (found once, in the unique index; see stored-event-id.ts). */
  let textIds: Promise<boolean> | undefined;
  const hasTextIds = (sql: Sql) =>
    (textIds ??= sql
      .rows("SELECT 1 AS found FROM events WHERE id >= '0' AND id < 'g' LIMIT 1")
      .then((rows) => rows.length > 0)
      .catch((error: unknown) => {
        textIds = undefined;
        throw error;
      }));
  /**
   * The events of one request share their metadata, and are read back together by every
   * follower: the last stored text is remembered with what it parsed to (frozen, since it is
   * then shared), instead of parsing the same JSON for each event (issue 14).
   */
  let lastMetadata: { stored: string; metadata: EventMetadata } | undefined;
  const metadataFrom = (stored: string | object): EventMetadata => {
    if (typeof stored !== 'string') return metadataOf(stored);
    if (lastMetadata?.stored === stored) return lastMetadata.metadata;
    const metadata = Object.freeze(metadataOf(JSON.parse(stored)));
    lastMetadata = { stored, metadata };
    return metadata;
  };
  /** The same for metadata at the head of a compact row: its bytes compared in place with the last ones. */
  let lastHead: { bytes: Buffer; start: number; end: number; metadata: EventMetadata } | undefined;
  const metadataIn = (bytes: Buffer, start: number, end: number): EventMetadata => {
    const last = lastHead;
    if (last !== undefined && last.end - last.start === end - start && bytes.compare(last.bytes, last.start, last.end, start, end) === 0) {
      return last.metadata;
    }
    const metadata = Object.freeze(metadataFromBytes(bytes, start, end));
    lastHead = { bytes, start, end, metadata };
    return metadata;
  };
  /** The events of one append share their time: the last one read and written is remembered. */
  let lastTime = { ms: -1, iso: '' };
  const isoOf = (ms: number): string => {
    if (ms !== lastTime.ms) lastTime = { ms, iso: new Date(ms).toISOString() };
    return lastTime.iso;
  };
  let lastStoredTime: { iso: string; ms: number | undefined } = { iso: '', ms: undefined };
  const storedTime = (iso: string): number | undefined => {
    if (lastStoredTime.iso !== iso) lastStoredTime = { iso, ms: compactTime(iso) };
    return lastStoredTime.ms;
  };
  /** The parameters of rows of a SQLite INSERT, in one array built in one pass (an array a row, then flattened, cost more). */
  const sqliteParams = (rows: readonly EventRow[]): unknown[] => {
    const params: unknown[] = [];
    for (const r of rows) params.push(storedEventId(r.id), r.stream, r.version, r.type, r.schema_version, r.data, r.metadata, r.recorded_at);
    return params;
  };

  return {
    lockAppends: `SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`,
    selectStream: `SELECT ${read} FROM events WHERE stream = $1 AND version >= $2 ORDER BY version`,
    /** PostgreSQL: every event of several streams, in (stream, version) order (stream-reads.ts); every command reads so. */
    selectStreams: preparedFor(dialect, `SELECT ${read} FROM events WHERE stream = ANY($1::text[]) ORDER BY stream, version`),
    /** Every projection's every poll. */
    selectAll: preparedFor(dialect, `SELECT ${read} FROM events WHERE position >= $1 ORDER BY position LIMIT $2`),
    /** How many events one guarded INSERT takes (SQLite binds every value as a parameter). */
    maxGuardedRows,
    /** How many streams one guarded INSERT checks. */
    maxGuardedStreams,
    /** The events at these positions: on PostgreSQL one prepared statement whatever their number, on SQLite one a number. */
    selectPositions: (positions: readonly number[]): [string, unknown[]] =>
      postgres
        ? [POSTGRES_SELECT_POSITIONS, [positions]]
        : [`SELECT ${read} FROM events WHERE position IN (${placeholderList(positions.length)}) ORDER BY position`, [...positions]],
    /** The first event at or after a position, and whether it was recorded at or before a time: a step of `positionAt`'s search. */
    firstFrom: postgres
      ? 'SELECT position, recorded_at <= $2::timestamptz AS recorded FROM events WHERE position >= $1 ORDER BY position LIMIT 1'
      : `SELECT position, CASE WHEN typeof(data) = 'blob' AND substr(data, 1, 1) = x'02' THEN substr(data, 2, 6) <= $3 ELSE recorded_at <= $2 END
         AS recorded FROM events WHERE position >= $1 ORDER BY position LIMIT 1`,
    /** The parameters of `firstFrom`: on SQLite the time both as text and as the bytes of a compact time (compact-data.ts form 2). */
    firstFromParams: (position: number, time: string): unknown[] => (postgres ? [position, time] : [position, time, comparableTime(time)]),

    toRow(stream: string, version: number, event: NewEvent, recordedAt: string): EventRow {
      const json = JSON.stringify(event.data);
      if (postgres) return eventRow(event, stream, version, json, storedMetadata(event.metadata), recordedAt);
      const ms = storedTime(recordedAt);
      const metadata = ms === undefined ? undefined : compactMetadata(event.metadata);
      // The whole event in one BLOB (form 2) when its time and metadata fit it, else the data alone (form 1).
      if (metadata === undefined) return eventRow(event, stream, version, compactData(json), storedMetadata(event.metadata), recordedAt);
      return eventRow(event, stream, version, compactData(json, { ms: ms!, metadata }), '', '');
    },

    toStoredEvent(row: ReadRow): StoredEvent {
      const head = storedHead(row.data);
      return {
        id: eventIdOf(row.id),
        stream: row.stream,
        version: Number(row.version),
        position: Number(row.position),
        type: row.type,
        schemaVersion: Number(row.schema_version),
        data: storedEventData(row.data),
        metadata: head ? metadataIn(asBuffer(row.data as Uint8Array), head.metadataStart, head.metadataEnd) : metadataFrom(row.metadata),
        recordedAt: head ? isoOf(head.ms) : row.recorded_at instanceof Date ? row.recorded_at.toISOString() : row.recorded_at,
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
            `SELECT stream, MAX(version) AS version FROM events WHERE stream IN (${placeholderList(streams.length)}) GROUP BY stream`,
            streams,
          );
      return new Map(rows.map((r) => [r.stream, Number(r.version)]));
    },

    /** Where each event of these streams is, without reading the events. */
    async loadStreamPositions(sql: Sql, streams: readonly string[]): Promise<Array<{ position: number; stream: string; version: number }>> {
      const rows = postgres
        ? await sql.rows<{ position: string; stream: string; version: number }>('SELECT position, stream, version FROM events WHERE stream = ANY($1::text[])', [
            streams,
          ])
        : await sql.rows<{ position: number; stream: string; version: number }>(
            `SELECT position, stream, version FROM events WHERE stream IN (${placeholderList(streams.length)})`,
            streams,
          );
      return rows.map((r) => ({ position: Number(r.position), stream: r.stream, version: Number(r.version) }));
    },

    async loadStored(tx: Sql, ids: readonly string[]): Promise<Map<string, StoredId>> {
      const stored = new Map<string, StoredId>();
      const found = (rows: (StoredId & { id: string | Uint8Array })[]) =>
        rows.forEach((r) => stored.set(eventIdOf(r.id), { stream: r.stream, version: Number(r.version), position: Number(r.position) }));
      if (ids.length === 0) return stored;
      if (postgres) {
        found(await tx.rows('SELECT id, stream, version, position FROM events WHERE id = ANY($1::uuid[])', [ids]));
        return stored;
      }
      for (let start = 0; start < ids.length; start += SQLITE_IDS_PER_LOOKUP) {
        const forms = ids.slice(start, start + SQLITE_IDS_PER_LOOKUP).flatMap(idForms);
        found(await tx.rows(`SELECT id, stream, version, position FROM events WHERE id IN (${placeholderList(forms.length)})`, forms));
      }
      return stored;
    },

    /**
     * The common case in one statement: inserts the rows only if none of their ids is stored yet
     * and every stream in `assumed` is still at the version assumed for it; otherwise inserts
     * nothing and returns null (the caller then looks versions and ids up). Run under the append
     * lock (on PostgreSQL the statement takes it), in a statement of its own, so that its snapshot
     * sees every append committed before: in the append transaction, or, when none has begun,
     * alone in autocommit (a `DeferredTransaction`'s `last`).
     */
    async insertIfUnchanged(sql: Sql, rows: readonly EventRow[], assumed: ReadonlyMap<string, number>): Promise<Map<string, number> | null> {
      if (rows.length === 0 || rows.length > maxGuardedRows) return null;
      const streams = [...assumed.keys()];
      if (postgres) {
        const inserted = await sql.rows<{ id: string; position: string }>(POSTGRES_APPEND_EVENTS, [
          rowsDocument(rows),
          rows.map((r) => r.id),
          streams,
          streams.map((stream) => assumed.get(stream)),
        ]);
        if (inserted.length === 0) return null;
        if (inserted.length !== rows.length) throw new Error(`inserted ${inserted.length} of ${rows.length} events`);
        return new Map(inserted.map((r) => [r.id, Number(r.position)]));
      }
      const n = rows.length * 8;
      const forms = rows.flatMap((r) => idForms(r.id));
      const versionChecks = streams
        .map((_, i) => `COALESCE((SELECT MAX(version) FROM events WHERE stream = $${n + forms.length + 2 * i + 1}), 0) = $${n + forms.length + 2 * i + 2}`)
        .join(' AND ');
      const inserted = await sql.rows<InsertedRow>(
        `INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at)
           SELECT * FROM (VALUES ${sqliteValues(rows.length)})
           WHERE NOT EXISTS (SELECT 1 FROM events WHERE id IN (${placeholderList(forms.length, n + 1)})) AND ${versionChecks}
           RETURNING ${SQLITE_RETURNING}`,
        [...sqliteParams(rows), ...forms, ...streams.flatMap((stream) => [stream, assumed.get(stream)])],
      );
      if (inserted.length === 0) return null;
      if (inserted.length !== rows.length) throw new Error(`inserted ${inserted.length} of ${rows.length} events`);
      return positionsByRow(rows, inserted, new Map());
    },

    /**
     * SQLite, one statement: inserts the rows, or, when an id or a stream's version is stored
     * already (a unique index refuses it), nothing, and returns null. The statement alone is
     * undone; a transaction around it goes on.
     */
    async insertUnlessTaken(sql: Sql, rows: readonly EventRow[]): Promise<Map<string, number> | null> {
      if (rows.length === 0 || rows.length > SQLITE_ROWS_PER_INSERT) return null;
      // The unique index tells an id stored as bytes; one an earlier version stored as text is looked for.
      if (await hasTextIds(sql)) {
        const asText = rows.map((r) => r.id).filter(isStoredAsBytes);
        const taken = asText.length > 0 ? await sql.rows(`SELECT 1 FROM events WHERE id IN (${placeholderList(asText.length)}) LIMIT 1`, asText) : [];
        if (taken.length > 0) return null;
      }
      try {
        return await this.insert(sql, rows);
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
        throw error;
      }
    },

    /** Inserts (never TypeORM's `save`, which selects first) and returns each new event's position. */
    async insert(tx: Sql, rows: readonly EventRow[]): Promise<Map<string, number>> {
      const positions = new Map<string, number>();
      if (rows.length === 0) return positions;
      if (postgres) {
        const inserted = await tx.rows<{ id: string; position: string }>(
          `INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at)
           SELECT id, stream, version, type, schema_version, data, metadata, recorded_at
           FROM jsonb_to_recordset($1::jsonb)
             AS r(id uuid, stream text, version int, type text, schema_version int, data jsonb, metadata jsonb, recorded_at timestamptz)
           RETURNING id, position`,
          [rowsDocument(rows)],
        );
        inserted.forEach((r) => positions.set(r.id, Number(r.position)));
        return positions;
      }
      for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + SQLITE_ROWS_PER_INSERT);
        positionsByRow(chunk, await tx.rows<InsertedRow>(sqliteInsert(chunk.length), sqliteParams(chunk)), positions);
      }
      return positions;
    },
  };
}

/**
 * What a SQLite INSERT of events returns: each row's position with its stream and version, which
 * tell the row (the unique index on them). Not its id: the driver copies a BLOB into a Buffer of
 * its own, and RETURNING the id cost some 4 µs an event more in batches of 100.
 */
const SQLITE_RETURNING = 'position, stream, version';
type InsertedRow = { position: number; stream: string; version: number };

/** Adds to `positions` the position of each of `rows` (by id), from what the INSERT returned. */
function positionsByRow(rows: readonly EventRow[], inserted: readonly InsertedRow[], positions: Map<string, number>): Map<string, number> {
  // One stream's versions in a row, the usual append: a version tells the row by its place.
  const first = rows[0];
  if (rows.every((r, i) => r.stream === first.stream && r.version === first.version + i)) {
    for (const r of inserted) positions.set(rows[r.version - first.version].id, Number(r.position));
    return positions;
  }
  const ids = new Map<string, string>();
  for (const r of rows) ids.set(`${r.version}:${r.stream}`, r.id);
  for (const r of inserted) positions.set(ids.get(`${r.version}:${r.stream}`)!, Number(r.position));
  return positions;
}

/** A row to insert, as a literal of one shape (spreading a common part cost an object more per event). */
function eventRow(event: NewEvent, stream: string, version: number, data: EventRow['data'], metadata: EventRow['metadata'], recordedAt: string): EventRow {
  return { id: event.id, stream, version, type: event.type, schema_version: event.schemaVersion ?? 1, data, metadata, recorded_at: recordedAt };
}

const sqliteInsertCache = new Map<number, string>();

/**
 * The plain insert of `rows` events, the same string each time: the driver looks statements up by
 * their text, and a string built anew is hashed anew (some 16 KB for 200 events).
 */
function sqliteInsert(rows: number): string {
  let text = sqliteInsertCache.get(rows);
  if (text === undefined) {
    text = `INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at) VALUES ${sqliteValues(rows)} RETURNING ${SQLITE_RETURNING}`;
    sqliteInsertCache.set(rows, text);
  }
  return text;
}

const sqliteValuesCache = new Map<number, string>();

/** `($1, …, $8), ($9, …)` for `rows` rows of 8 columns. */
function sqliteValues(rows: number): string {
  let text = sqliteValuesCache.get(rows);
  if (text === undefined) {
    text = Array.from({ length: rows }, (_, i) => `(${placeholderList(8, i * 8 + 1)})`).join(', ');
    sqliteValuesCache.set(rows, text);
  }
  return text;
}
