import { Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent } from '@registry/event-store';
import { PRINCIPAL_EVENT_TYPES, PrincipalEvent, principalIdOfStream } from '../domain/principal.events';

export const PRINCIPAL_DIRECTORY = 'principal-directory';

const TYPES = new Set<string>(PRINCIPAL_EVENT_TYPES);

/**
 * Keeps `principals` in step with the principal streams. Each update is guarded by the stream
 * version, so applying an event a second time changes nothing.
 */
@Injectable()
export class PrincipalDirectoryProjection implements Projection {
  readonly name = PRINCIPAL_DIRECTORY;

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    for (const event of events) {
      if (TYPES.has(event.type)) await this.applyOne(event as StoredEvent & PrincipalEvent, tx);
    }
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM principals');
  }

  private async applyOne(event: StoredEvent & PrincipalEvent, tx: Sql): Promise<void> {
    const principalId = principalIdOfStream(event.stream);
    switch (event.type) {
      case 'PrincipalCreated': {
        const { role, name, platformId, partnerId, partnerKind, agency, keyHash } = event.data;
        await tx.run(
          `INSERT INTO principals (principal_id, role, name, platform_id, partner_id, partner_kind, agency, key_hash, created_at, revoked_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10) ON CONFLICT (principal_id) DO NOTHING`,
          [principalId, role, name, platformId ?? null, partnerId ?? null, partnerKind ?? null, agency ?? null, keyHash, event.recordedAt, event.version],
        );
        return;
      }
      case 'ApiKeyRotated':
        await tx.run('UPDATE principals SET key_hash = $1, version = $2 WHERE principal_id = $3 AND version < $2', [
          event.data.keyHash,
          event.version,
          principalId,
        ]);
        return;
      case 'PrincipalRevoked':
        await tx.run('UPDATE principals SET revoked_at = $1, version = $2 WHERE principal_id = $3 AND version < $2', [
          event.recordedAt,
          event.version,
          principalId,
        ]);
        return;
    }
  }
}
