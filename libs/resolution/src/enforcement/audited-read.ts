import { Injectable } from '@nestjs/common';
import { Principal, requestMetadata } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import { HttpRequest } from '@registry/platform';
import { EnforcementAudit } from '../audit/enforcement-audit';
import { readContextOf } from '../audit/read-context';
import { ReadPoint, Subjects } from '../reading/identity-graph.reader';
import { ReadTurns } from './read-turns';

/** What every enforcement answer carries besides its content: the point it reflects and the audit record of the read. */
export interface Audited {
  readonly asOf: { readonly position: number; readonly date: string; readonly recordedBy: string | null };
  readonly auditId: string;
}

/**
 * Runs an enforcement read: refuses it without a case reference and a purpose, answers it in its
 * turn (see ReadTurns), records the read (who, what, case, whom it named) and only then returns
 * the answer.
 */
@Injectable()
export class AuditedRead {
  private readonly turns = new ReadTurns();

  constructor(private readonly audit: EnforcementAudit) {}

  async run<T extends { point: ReadPoint; subjects: Subjects }>(
    request: HttpRequest,
    principal: Principal,
    query: { name: string; params: Record<string, string | null> },
    read: () => Promise<T>,
  ): Promise<Omit<T, 'point' | 'subjects'> & Audited> {
    const context = readContextOf(request.headers);
    const { correlationId } = requestMetadata(request, principal);
    let result: T;
    await this.turns.take();
    try {
      result = await read();
    } catch (error) {
      // Learning that there is nothing to find is a read too.
      if (error instanceof DomainError && error.kind === 'not_found') {
        await this.audit.record(principal, context, query, { position: 0, shops: [], persons: [], outcome: 'not_found' }, correlationId);
      }
      throw error;
    }
    const { point, subjects, ...answer } = result;
    const auditId = await this.audit.record(principal, context, query, { position: point.position, ...subjects, outcome: 'answered' }, correlationId);
    return { asOf: point, auditId, ...answer };
  }
}
