import { Sql, SqlDatabase, insertRows, rowsAmong } from '@registry/event-store';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Sealed, open } from '../crypto/aes-gcm';
import { WRAPPED_KEY_BYTES, unwrapKey, wrapKey } from '../crypto/key-wrap';
import { Keyring, MasterKey, newMasterKey, readKeyringFile, writeKeyringFile } from '../crypto/keyring';
import { dataKeyId, dataKeyIdFrom } from './data-key-id';
import { keyIdOf, storedKeyId, storedKeyIdFrom, storedKeyIds } from './stored-key-id';
import { scopeDigest } from '../sealing/data-subject-scope';

interface KeyRow {
  /** As stored: see `storedKeyId`. */
  key_id: string | Buffer;
  /** 40 bytes (`key-wrap.ts`); keys wrapped before read as AES-GCM's 60 bytes (IV, key, tag), base64 text or JSON (as bytes on PostgreSQL). */
  wrapped: Buffer | string | null;
}

export interface DataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** IV ‖ wrapped key ‖ tag: a key wrapped with AES-GCM before key wrap. */
const GCM_WRAPPED_BYTES = 12 + 32 + 16;

/** Unwrapped keys kept in memory; a destroyed key is remembered as null. */
const CACHE_LIMIT = 200_000;
/** Another process's erasure reaches this one's cache within this time; the erasing process forgets at once. */
const CACHE_TTL_MS = 60_000;
/**
 * How long a rotation waits, with the new master key already in the file, before it looks again
 * for keys wrapped under the old one: a transaction of another process that wrapped a key just
 * before it read the file commits within this time.
 */
const ROTATION_GRACE_MS = 2_000;
/** The second look at a rotation starts at keys made this long before it began (key ids are time-ordered). */
const STRAGGLER_WINDOW_MS = 60_000;

/**
 * Data keys, one per data-subject scope (a shop's claims in one role about one person, a claim
 * that names no one, an attestation record: `sealing/data-subject-scope.ts`), stored only wrapped
 * by a master key (the one that opens it: no row names it). Destroying a key makes every event sealed with it unreadable where it
 * stands: erasure without rewriting the log. `data_key_scopes` holds the key each scope (record)
 * was last given; a scope whose key was destroyed is given a new one.
 */
export class DataKeyStore {
  private readonly cache = new Map<string, { key: Buffer | null; at: number }>();
  private keyringChangedAt: number;
  private lastOpener: MasterKey | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private keyring: Keyring,
  ) {
    this.keyringChangedAt = this.keyringFileTime();
  }

  /**
   * The live key of each scope, created inside `tx` where there is none, so it commits with the
   * events it seals; and `unscoped` new keys that no scope names: each for a record written once (a
   * claim that names no one), which no later event looks up, so no `data_key_scopes` row is kept for it.
   */
  async keysForScopes(tx: Sql, scopes: readonly string[], unscoped = 0): Promise<{ scoped: Map<string, DataKey>; unscoped: DataKey[] }> {
    const unique = [...new Set(scopes)];
    const scoped = new Map<string, DataKey>();
    if (unique.length > 0) {
      const rows = await tx.rows<KeyRow & { scope: string }>(
        `SELECT s.scope, k.key_id, k.wrapped FROM data_key_scopes s JOIN data_keys k ON k.key_id = s.key_id
          WHERE k.destroyed_at IS NULL AND s.scope IN (${unique.map((_, i) => `$${i + 1}`).join(', ')})`,
        unique,
      );
      for (const row of rows) scoped.set(row.scope, { keyId: keyIdOf(row.key_id), key: this.unwrap(row)!.key });
    }
    const missing = unique.filter((s) => !scoped.has(s));
    const created = await this.create(tx, missing.length + unscoped);
    missing.forEach((scope, i) => scoped.set(scope, created[i]));
    // A scope whose key was destroyed (an erased record written again) is given the new one.
    await insertRows(
      tx,
      'data_key_scopes',
      ['scope', 'key_id'],
      missing.map((scope) => [scope, storedKeyId(tx.dialect, scoped.get(scope)!.keyId)]),
      'ON CONFLICT (scope) DO UPDATE SET key_id = excluded.key_id',
    );
    return { scoped, unscoped: created.slice(missing.length) };
  }

  /** New keys, wrapped and stored inside `tx`: one draw of randomness and one INSERT. */
  private async create(tx: Sql, count: number): Promise<DataKey[]> {
    if (count === 0) return [];
    this.followKeyringFile();
    const master = this.current();
    const material = randomBytes(32 * count);
    const created = Array.from({ length: count }, (_, i) => {
      const keyId = dataKeyId();
      const key = material.subarray(32 * i, 32 * (i + 1));
      this.remember(keyId, key);
      return { keyId, key, wrapped: wrapKey(master.key, key, keyId) };
    });
    await insertRows(
      tx,
      'data_keys',
      ['key_id', 'wrapped'],
      created.map((k) => [storedKeyId(tx.dialect, k.keyId), k.wrapped]),
    );
    return created.map(({ keyId, key }) => ({ keyId, key }));
  }

  /** A personal value as a scope holds it (`data-subject-scope.ts`): keyed, so the scopes stored in clear name no one. */
  scopeDigest(personal: string): string {
    return scopeDigest(this.keyring.indexKey, personal);
  }

  /** Keys by id; null for a destroyed (or unknown) key. */
  async keysById(keyIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const result = new Map<string, Buffer | null>();
    const missing: string[] = [];
    const now = Date.now();
    for (const id of new Set(keyIds)) {
      const cached = this.cache.get(id);
      if (cached && now - cached.at < CACHE_TTL_MS) result.set(id, cached.key);
      else missing.push(id);
    }
    const rows = await rowsAmong<KeyRow>(
      this.db.reader,
      storedKeyIds(this.db.dialect, missing),
      (among) => `SELECT key_id, wrapped FROM data_keys WHERE key_id ${among}`,
    );
    const byId = new Map(rows.map((r) => [keyIdOf(r.key_id), r]));
    for (const id of missing) {
      const row = byId.get(id);
      const key = row ? (this.unwrap(row)?.key ?? null) : null;
      this.remember(id, key);
      result.set(id, key);
    }
    return result;
  }

  /** Destroys keys for good, inside the transaction that records the erasure. */
  async destroy(tx: Sql, keyIds: readonly string[], legalGround: string): Promise<number> {
    let destroyed = 0;
    const now = new Date().toISOString();
    for (const id of keyIds) {
      destroyed += await tx.run('UPDATE data_keys SET wrapped = NULL, destroyed_at = $1, legal_ground = $2 WHERE key_id = $3 AND destroyed_at IS NULL', [
        now,
        legalGround,
        storedKeyId(tx.dialect, id),
      ]);
    }
    return destroyed;
  }

  /** After an erasure commits: this process forgets the keys at once. */
  forget(keyIds: readonly string[]): void {
    for (const id of keyIds) this.cache.set(id, { key: null, at: Number.POSITIVE_INFINITY });
  }

  /**
   * Re-wraps every live data key under the current master key; the events are not touched.
   * Call with a keyring whose first master key is the new one and which still holds the old ones.
   */
  async rewrapAll(keyring: Keyring = this.keyring, from = ''): Promise<number> {
    this.keyring = keyring;
    const current = this.current();
    let rewrapped = 0;
    let after = from === '' ? from : storedKeyIdFrom(this.db.dialect, from);
    for (;;) {
      // In key order from where the last page ended: the master key of each is the one that opens it.
      const rows = await this.db.reader.rows<KeyRow>(
        'SELECT key_id, wrapped FROM data_keys WHERE key_id > $1 AND destroyed_at IS NULL ORDER BY key_id LIMIT 1000',
        [after],
      );
      if (rows.length === 0) return rewrapped;
      after = rows[rows.length - 1].key_id;
      const stale = rows.flatMap((row) => {
        const opened = this.unwrap(row);
        return opened && opened.master.id !== current.id ? [{ row, key: opened.key }] : [];
      });
      if (stale.length === 0) continue;
      await this.db.write(async (tx) => {
        // Compare-and-set on the wrapped key: one destroyed meanwhile (wrapped cleared) stays destroyed.
        for (const { row, key } of stale) {
          await tx.run('UPDATE data_keys SET wrapped = $1 WHERE key_id = $2 AND wrapped = $3', [
            wrapKey(current.key, key, keyIdOf(row.key_id)),
            row.key_id,
            row.wrapped,
          ]);
        }
      });
      rewrapped += stale.length;
    }
  }

  /**
   * Replaces the master key in the key file and destroys the old one: a new key first in the
   * file, every live data key re-wrapped under it, then the old keys dropped from the file. Any
   * copy of a wrapped key that lingers in the database (a WAL, a dead tuple, a freed page, a key
   * destroyed by an erasure) is then wrapped under a key nobody holds. Other processes read the
   * new key from the file before they wrap their next key; a second pass over the keys made
   * around the rotation catches one they wrapped just before.
   */
  async rotateMasterKey(graceMs = ROTATION_GRACE_MS): Promise<{ masterKeyId: string; rewrapped: number; destroyed: string[] }> {
    const file = this.keyring.file;
    if (!file)
      throw new Error(
        'the master key comes from the environment: set a new REGISTRY_MASTER_KEY, the old one in REGISTRY_PREVIOUS_MASTER_KEYS, and run rotate-master-key',
      );
    // Two rotations at once (the schedule and the CLI) would each drop the other's new key.
    const lock = `${file}.rotating`;
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    } catch {
      throw new Error(`${lock} exists: another master-key rotation is under way (remove the file if none is)`);
    }
    try {
      this.followKeyringFile();
      const startedAt = Date.now();
      const old = this.keyring.masterKeys;
      const next: Keyring = { ...this.keyring, masterKeys: [newMasterKey(), ...old] };
      writeKeyringFile(file, next);
      let rewrapped = await this.rewrapAll(next);
      await sleep(graceMs);
      rewrapped += await this.rewrapAll(next, dataKeyIdFrom(startedAt - STRAGGLER_WINDOW_MS));
      const rotated: Keyring = { ...next, masterKeys: [next.masterKeys[0]] };
      writeKeyringFile(file, rotated);
      this.keyring = rotated;
      this.lastOpener = undefined; // holds no destroyed master key
      this.keyringChangedAt = this.keyringFileTime();
      return { masterKeyId: rotated.masterKeys[0].id, rewrapped, destroyed: old.map((k) => k.id) };
    } finally {
      rmSync(lock, { force: true });
    }
  }

  /** Another process rotated the master key: take the file's keys, so no new key is wrapped under a destroyed one. */
  private followKeyringFile(): void {
    const changedAt = this.keyringFileTime();
    if (changedAt === this.keyringChangedAt) return;
    this.keyring = readKeyringFile(this.keyring.file!);
    this.keyringChangedAt = changedAt;
  }

  private keyringFileTime(): number {
    return this.keyring.file ? statSync(this.keyring.file).mtimeMs : 0;
  }

  private current(): MasterKey {
    return this.keyring.masterKeys[0];
  }

  /**
   * The key and the master key that wraps it: the one that opens it (key wrap says so), the current
   * one tried first; no row names it (issue 12: the id took 23 bytes a key). Where none of the
   * master keys known opens it, another process may have rotated: the key file is read again.
   */
  private unwrap(row: KeyRow): { key: Buffer; master: MasterKey } | null {
    if (row.wrapped === null) return null;
    const sealed = wrappedForm(row.wrapped);
    const keyId = keyIdOf(row.key_id);
    let opened = this.open(sealed, keyId);
    if (!opened) {
      this.followKeyringFile();
      opened = this.open(sealed, keyId);
    }
    if (!opened) throw new Error(`data key ${keyId} opens under none of the configured master keys`);
    return opened;
  }

  /** The master key that opened the last key is tried first: in a rotation's pass the keys not yet re-wrapped are under the old one. */
  private open(sealed: WrappedForm, keyId: string): { key: Buffer; master: MasterKey } | undefined {
    const masters = this.keyring.masterKeys;
    const last = this.lastOpener;
    const order = last === undefined || last === masters[0] || !masters.includes(last) ? masters : [last, ...masters.filter((m) => m !== last)];
    for (const master of order) {
      try {
        const key = sealed.by === 'key wrap' ? unwrapKey(master.key, sealed.wrapped, keyId) : open(master.key, sealed.wrapped, keyId);
        this.lastOpener = master;
        return { key, master };
      } catch {
        // wrapped by another master key (during a rotation)
      }
    }
    return undefined;
  }

  private remember(keyId: string, key: Buffer | null): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(keyId, { key, at: Date.now() });
  }
}

/** A wrapped key as `open` takes it: by key wrap (40 bytes), or by AES-GCM as before issue 12 (60 bytes, base64 text, JSON). */
type WrappedForm = { by: 'key wrap'; wrapped: Buffer } | { by: 'AES-GCM'; wrapped: Buffer | Sealed };

/** The form of a wrapped key as stored; a rotation re-wraps the earlier ones by key wrap. */
function wrappedForm(wrapped: Buffer | string): WrappedForm {
  if (Buffer.isBuffer(wrapped)) {
    if (wrapped.length === WRAPPED_KEY_BYTES) return { by: 'key wrap', wrapped };
    return { by: 'AES-GCM', wrapped: wrapped.length === GCM_WRAPPED_BYTES ? wrapped : (JSON.parse(wrapped.toString()) as Sealed) };
  }
  return { by: 'AES-GCM', wrapped: wrapped.startsWith('{') ? (JSON.parse(wrapped) as Sealed) : Buffer.from(wrapped, 'base64') };
}
