import { Sql, preparedOnPostgres } from '../sql/sql';

/** Read by every projection's every poll and by every read that waits for one: prepared on PostgreSQL. */
const READ_CHECKPOINT = preparedOnPostgres('SELECT position FROM projection_checkpoints WHERE name = $1');
const ADVANCE_CHECKPOINT = preparedOnPostgres('UPDATE projection_checkpoints SET position = $1, updated_at = $2 WHERE name = $3 AND position = $4');

/** Another worker moved the checkpoint since this one read it: the batch was not applied. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(readonly projection: string) {
    super(`checkpoint of projection ${projection} moved under this worker`);
  }
}

export const checkpoints = {
  async ensure(tx: Sql, name: string): Promise<void> {
    await tx.run('INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, 0, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      new Date().toISOString(),
    ]);
  },

  async read(sql: Sql, name: string): Promise<number> {
    const [row] = await sql.rows<{ position: number | string }>(READ_CHECKPOINT, [name]);
    return Number(row?.position ?? 0);
  },

  /** Compare-and-set: moves the checkpoint only from where this worker saw it. */
  async advance(tx: Sql, name: string, from: number, to: number): Promise<void> {
    const moved = await tx.run(ADVANCE_CHECKPOINT, [to, new Date().toISOString(), name, from]);
    if (moved !== 1) throw new CheckpointMovedError(name);
  },

  /**
   * Takes the checkpoint's row for the rest of the transaction and tells where it stands: a worker
   * that moves it meanwhile waits for this transaction. On PostgreSQL a read, then a compare-and-set
   * from what was read, could lose to a batch that committed in between (CheckpointMovedError); a
   * rebuild of the operator view answered 500 so.
   */
  async hold(tx: Sql, name: string): Promise<number> {
    const [row] = await tx.rows<{ position: number | string }>('UPDATE projection_checkpoints SET updated_at = $1 WHERE name = $2 RETURNING position', [
      new Date().toISOString(),
      name,
    ]);
    return Number(row?.position ?? 0);
  },

  /**
   * Waits until a projection has applied the event at `position`, reading its checkpoint, so it
   * also works when the projection runs in another process. False when it has not within the time.
   */
  async waitFor(sql: Sql, name: string, position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await checkpoints.read(sql, name)) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  },

  async reset(tx: Sql, name: string): Promise<void> {
    await tx.run('UPDATE projection_checkpoints SET position = 0, updated_at = $1 WHERE name = $2', [new Date().toISOString(), name]);
  },
};
