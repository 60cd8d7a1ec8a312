import { Injectable } from '@nestjs/common';
import { CommandResult, EventMetadata, EventStore, handleCommand } from '@registry/event-store';
import { PrincipalCommand, principalDecider } from './domain/principal.decide';
import { PrincipalEvent, principalStream } from './domain/principal.events';
import { PrincipalDirectory } from './principal-directory/principal-directory';

export interface PrincipalChange extends CommandResult<PrincipalEvent> {
  /** Whether the principal directory shows the change already, so a new key works (or a revoked one fails) now. */
  readonly applied: boolean;
}

/** Runs a command on a principal's stream, through the event store port. */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly store: EventStore,
    private readonly directory: PrincipalDirectory,
  ) {}

  /** Appends the events the command decides, without waiting for the directory. */
  append(principalId: string, command: PrincipalCommand, metadata: EventMetadata): Promise<CommandResult<PrincipalEvent>> {
    return handleCommand(this.store, principalStream(principalId), principalDecider, command, { metadata });
  }

  /** Appends, then waits (up to 5 s) until the directory has applied the events; this process forgets what it kept of the principal. */
  async change(principalId: string, command: PrincipalCommand, metadata: EventMetadata): Promise<PrincipalChange> {
    const result = await this.append(principalId, command, metadata);
    const last = result.positions[result.positions.length - 1];
    const applied = last === undefined || (await this.directory.waitUntilApplied(last));
    // After the directory shows the change: a request read between the append and now is not kept.
    this.directory.forget(principalId);
    return { ...result, applied };
  }
}
