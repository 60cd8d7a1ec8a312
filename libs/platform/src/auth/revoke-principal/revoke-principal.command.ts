import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '@registry/event-store';

export interface RevokedPrincipal {
  readonly principalId: string;
  readonly revoked: true;
  /** Whether its key is refused already (the principal directory applied the revocation within 5 s). */
  readonly applied: boolean;
}

export class RevokePrincipalCommand extends Command<RevokedPrincipal> {
  constructor(
    readonly principalId: string,
    readonly reason: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
