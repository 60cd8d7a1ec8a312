import { APPEND_LOCK_KEY } from '../event-rows';
import { DialectMigration } from './dialect-migration';

/**
 * PostgreSQL: a guarded append as one statement, so that an append outside a transaction is one
 * round trip (not BEGIN with the lock, INSERT, COMMIT). It takes the append lock first; being
 * VOLATILE plpgsql, each statement after that takes a fresh snapshot (READ COMMITTED) and so sees
 * every append committed before the lock was granted. It inserts the rows only if none of their
 * ids is stored yet and every stream is still at the version given for it, and returns the new
 * rows' ids and positions; otherwise it inserts nothing and returns no row. Called in autocommit,
 * the lock is released only once the implicit transaction has committed, so positions still
 * become visible in the order they were taken.
 */
const CREATE_FUNCTION = `CREATE FUNCTION append_events(new_rows jsonb, ids uuid[], streams text[], versions int[])
  RETURNS TABLE (event_id uuid, event_position bigint)
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
  IF EXISTS (SELECT 1 FROM events e WHERE e.id = ANY(ids))
     OR EXISTS (SELECT 1 FROM unnest(streams, versions) AS s(stream, version)
                WHERE COALESCE((SELECT MAX(e.version) FROM events e WHERE e.stream = s.stream), 0) <> s.version) THEN
    RETURN;
  END IF;
  RETURN QUERY
    INSERT INTO events AS e (id, stream, version, type, schema_version, data, metadata, recorded_at)
    SELECT r.id, r.stream, r.version, r.type, r.schema_version, r.data, r.metadata, r.recorded_at
    FROM jsonb_to_recordset(new_rows)
      AS r(id uuid, stream text, version int, type text, schema_version int, data jsonb, metadata jsonb, recorded_at timestamptz)
    RETURNING e.id, e.position;
END
$$`;

export class AppendEventsFunction1764400070000 extends DialectMigration {
  readonly name = 'AppendEventsFunction1764400070000';
  protected readonly sqlite = [];
  protected readonly postgres = [CREATE_FUNCTION];
  protected override readonly postgresDown = ['DROP FUNCTION append_events(jsonb, uuid[], text[], int[])'];
}
