import { Injectable } from '@nestjs/common';
import { EventStore, runCommand, timeOrderedId } from '@registry/event-store';
import { Principal } from '@registry/platform';
import { AUDIT_STREAM_PREFIX, ENFORCEMENT_READ_RECORDED, EnforcementReadRecorded } from './enforcement-read.events';
import { ReadContext } from './read-context';

/**
 * Records each enforcement read as an event before its answer leaves: if the record cannot be
 * written, the answer is not given. One stream per read, so records never wait on each other.
 */
@Injectable()
export class EnforcementAudit {
  constructor(private readonly store: EventStore) {}

  async record(
    principal: Principal,
    context: ReadContext,
    query: EnforcementReadRecorded['data']['query'],
    answer: { position: number; shops: readonly string[]; persons: readonly string[]; outcome: 'answered' | 'not_found' },
    correlationId: string,
  ): Promise<string> {
    const auditId = timeOrderedId();
    const data: EnforcementReadRecorded['data'] = {
      officer: principal.id,
      agency: principal.agency ?? null,
      caseReference: context.caseReference,
      purpose: context.purpose,
      ...(context.purposeNote === undefined ? {} : { purposeNote: context.purposeNote }),
      query,
      position: answer.position,
      shops: answer.shops,
      persons: answer.persons,
      outcome: answer.outcome,
    };
    // A read is recorded once, on a stream of its own: nothing to read first, and no race to retry.
    const record = { id: auditId, type: ENFORCEMENT_READ_RECORDED, data, metadata: { correlationId, causationId: null, principal: principal.id } };
    await runCommand(this.store, async () => ({ changes: [{ stream: `${AUDIT_STREAM_PREFIX}${auditId}`, version: 0, events: [record] }], result: auditId }), {
      retries: 0,
    });
    return auditId;
  }
}
