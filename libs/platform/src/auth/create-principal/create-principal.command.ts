import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '@registry/event-store';
import { Principal, Role } from '../principal';

export interface CreatedPrincipal {
  readonly principalId: string;
  readonly role: Role;
  /** Shown this once; the registry keeps only its hash. */
  readonly apiKey: string;
  /** Whether the key works already (the principal directory applied the creation within 5 s). */
  readonly applied: boolean;
}

export class CreatePrincipalCommand extends Command<CreatedPrincipal> {
  constructor(
    readonly principal: Principal,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
