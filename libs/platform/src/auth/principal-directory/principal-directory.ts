import { Injectable } from '@nestjs/common';
import { SqlDatabase, checkpoints } from '@registry/event-store';
import { PartnerKind, Principal, Role } from '../principal';
import { PrincipalProfile } from '../domain/principal.events';
import { PRINCIPAL_DIRECTORY } from './principal-directory.projection';

/** A principal as administrators see it: never its key, nor the key's hash. */
export interface PrincipalListing extends PrincipalProfile {
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

interface PrincipalRow {
  principal_id: string;
  role: Role;
  name: string;
  platform_id: string | null;
  partner_id: string | null;
  partner_kind: PartnerKind | null;
  agency: string | null;
  created_at: string | Date;
  revoked_at: string | Date | null;
}

const COLUMNS = 'principal_id, role, name, platform_id, partner_id, partner_kind, agency, created_at, revoked_at';
const WAIT_TIMEOUT_MS = 5_000;
/** Far more keys than a deployment has; a flood of distinct valid keys empties the cache rather than growing it. */
const MAX_CACHED_KEYS = 10_000;

export interface PrincipalCacheOptions {
  /** How long a principal read for a key is answered from memory; 0: read the table on every request. */
  readonly ttlMs: number;
  readonly now?: () => number;
}

/**
 * Reads of the principal directory (the `principals` table the projection keeps). The principal of
 * a key is kept in memory for `ttlMs`, so an authenticated request costs no read: a key revoked or
 * rotated through another process stops working within `ttlMs` of the directory applying it, and
 * at once in the process that changed it (`forget`). Unknown keys are never kept.
 */
@Injectable()
export class PrincipalDirectory {
  private readonly cached = new Map<string, { readonly principal: Principal; readonly until: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: SqlDatabase,
    cache: PrincipalCacheOptions = { ttlMs: 0 },
  ) {
    this.ttlMs = cache.ttlMs;
    this.now = cache.now ?? Date.now;
  }

  async findActiveByKeyHash(keyHash: string): Promise<Principal | undefined> {
    const hit = this.cached.get(keyHash);
    if (hit && hit.until > this.now()) return hit.principal;
    const [row] = await this.db.reader.rows<PrincipalRow>(`SELECT ${COLUMNS} FROM principals WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
    const principal = row && toPrincipal(row);
    if (!principal || this.ttlMs === 0) {
      this.cached.delete(keyHash);
      return principal;
    }
    if (this.cached.size >= MAX_CACHED_KEYS) this.cached.clear();
    this.cached.set(keyHash, { principal, until: this.now() + this.ttlMs });
    return principal;
  }

  /** Drops what this process keeps of a principal, so that its next request reads the table. */
  forget(principalId: string): void {
    for (const [keyHash, entry] of this.cached) if (entry.principal.id === principalId) this.cached.delete(keyHash);
  }

  async list(): Promise<PrincipalListing[]> {
    const rows = await this.db.reader.rows<PrincipalRow>(`SELECT ${COLUMNS} FROM principals ORDER BY principal_id`);
    return rows.map((row) => {
      const { id, ...principal } = toPrincipal(row);
      return { principalId: id, ...principal, createdAt: isoString(row.created_at), revokedAt: row.revoked_at && isoString(row.revoked_at) };
    });
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.db.reader.rows('SELECT principal_id FROM principals LIMIT 1');
    return rows.length === 0;
  }

  /**
   * Waits until the projection has applied the event at `position`, reading its checkpoint, so it
   * also works when the projection runs in another process. False when it has not within the timeout.
   */
  waitUntilApplied(position: number, timeoutMs = WAIT_TIMEOUT_MS): Promise<boolean> {
    return checkpoints.waitFor(this.db.reader, PRINCIPAL_DIRECTORY, position, timeoutMs);
  }
}

function toPrincipal(row: PrincipalRow): Principal {
  const scope = { platformId: row.platform_id, partnerId: row.partner_id, partnerKind: row.partner_kind, agency: row.agency };
  const present = Object.fromEntries(Object.entries(scope).filter(([, value]) => value !== null));
  return { id: row.principal_id, role: row.role, name: row.name, ...present };
}

/** SQLite gives back the ISO text it was given; PostgreSQL a Date. */
function isoString(value: string | Date): string {
  return new Date(value).toISOString();
}
