import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, EventStore, handleCommand } from '@registry/event-store';
import { AttestationCommand, attestationDecider } from '../domain/attestation/attestation.decide';
import { attestationStream } from '../domain/attestation/attestation.events';

/** Any change to one record of a partner: the domain command, and where it comes from. */
export class ExecuteAttestationCommand {
  constructor(
    readonly partnerId: string,
    readonly recordId: string,
    readonly command: AttestationCommand,
    readonly context: CommandContext,
  ) {}
}

export interface AttestationWriteResult {
  readonly partnerId: string;
  readonly recordId: string;
  /** The record's version after the request, also sent as its ETag. */
  readonly version: number;
  /** False when the request changed nothing (the same facts again, or a record already withdrawn). */
  readonly changed: boolean;
}

@CommandHandler(ExecuteAttestationCommand)
export class ExecuteAttestationCommandHandler implements ICommandHandler<ExecuteAttestationCommand, AttestationWriteResult> {
  constructor(private readonly store: EventStore) {}

  async execute({ partnerId, recordId, command, context }: ExecuteAttestationCommand): Promise<AttestationWriteResult> {
    const result = await handleCommand(this.store, attestationStream(partnerId, recordId), attestationDecider, command, context);
    return { partnerId, recordId, version: result.version, changed: result.events.length > 0 };
  }
}
