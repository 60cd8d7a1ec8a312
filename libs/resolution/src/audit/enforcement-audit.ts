import { Injectable } from '@nestjs/common';
import { EventStore, startStream, timeOrderedId } from '@registry/event-store';
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
    // One stream per read: records never wait on each other.
    const metadata = { correlationId, causationId: null, principal: principal.id };
    await startStream(this.store, `${AUDIT_STREAM_PREFIX}${auditId}`, [{ id: auditId, type: ENFORCEMENT_READ_RECORDED, data, metadata }]);
    return auditId;
  }
}
