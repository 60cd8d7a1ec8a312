import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '@registry/event-store';

export interface RotatedApiKey {
  readonly principalId: string;
  /** Shown this once; the previous key stops working. */
  readonly apiKey: string;
  /** Whether the new key works already (the principal directory applied the rotation within 5 s). */
  readonly applied: boolean;
}

export class RotateApiKeyCommand extends Command<RotatedApiKey> {
  constructor(
    readonly principalId: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
