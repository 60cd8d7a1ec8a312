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

/** Reads of the principal directory (the `principals` table the projection keeps). */
@Injectable()
export class PrincipalDirectory {
  constructor(private readonly db: SqlDatabase) {}

  async findActiveByKeyHash(keyHash: string): Promise<Principal | undefined> {
    const [row] = await this.db.reader.rows<PrincipalRow>(`SELECT ${COLUMNS} FROM principals WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
    return row && toPrincipal(row);
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
