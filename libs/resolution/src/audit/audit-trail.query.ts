import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, SqlDatabase } from '@registry/event-store';
import { DomainError, IdentifierKind, parseIdentifier } from '@registry/shared-kernel';
import { IdentityGraphReader } from '../reading/identity-graph.reader';
import { AUDIT_STREAM_PREFIX, EnforcementReadRecorded } from './enforcement-read.events';

export interface AuditFilters {
  readonly officer?: string;
  readonly caseReference?: string;
  /** platformId:shopId */
  readonly shop?: string;
  /** A person or identifier, as sent: parsed here, then looked up by its blind-index key. */
  readonly subject?: { readonly kind: IdentifierKind; readonly value: unknown };
  readonly after?: number;
  readonly limit?: number;
}

export class SearchAuditTrail {
  constructor(readonly filters: AuditFilters) {}
}

interface AuditRow {
  audit_id: string;
  position: number | string;
  recorded_at: string | Date;
  body: string;
}

/** The enforcement reads, oldest first, from the audit read model. */
@QueryHandler(SearchAuditTrail)
export class SearchAuditTrailHandler implements IQueryHandler<SearchAuditTrail> {
  constructor(
    private readonly db: SqlDatabase,
    private readonly reader: IdentityGraphReader,
    private readonly store: EventStore,
  ) {}

  async execute({ filters }: SearchAuditTrail) {
    const where: string[] = ['a.position > $1'];
    const params: unknown[] = [filters.after ?? 0];
    /** A condition on one or more values, each given its placeholder. */
    const add = (clause: (...n: string[]) => string, ...values: unknown[]) => {
      const names = values.map((value) => `$${params.push(value)}`);
      where.push(clause(...names));
    };
    if (filters.officer) add((n) => `a.officer = ${n}`, filters.officer);
    if (filters.caseReference) add((n) => `a.case_reference = ${n}`, filters.caseReference);
    if (filters.shop) add((n) => `a.audit_id IN (SELECT audit_id FROM enforcement_audit_subjects WHERE subject = ${n})`, filters.shop);
    if (filters.subject) {
      const parsed = parseIdentifier(filters.subject.kind, filters.subject.value);
      if (!parsed.ok) throw DomainError.invalid('subject.value', parsed.reason);
      add(
        (...n) => `a.audit_id IN (SELECT audit_id FROM enforcement_audit_subjects WHERE subject IN (${n.join(', ')}))`,
        ...this.reader.auditKeysOf(filters.subject.kind, parsed.value.value),
      );
    }
    const limit = filters.limit ?? 100;
    const rows = await this.db.reader.rows<AuditRow>(
      `SELECT a.audit_id, a.position, a.recorded_at, a.body FROM enforcement_audit a WHERE ${where.join(' AND ')} ORDER BY a.position LIMIT ${limit}`,
      params,
    );
    const records = await Promise.all(
      rows.map(async (row) => {
        const { purposeNoted, ...recorded } = JSON.parse(row.body) as { purposeNoted?: boolean };
        const record = { auditId: row.audit_id, position: Number(row.position), recordedAt: new Date(row.recorded_at).toISOString(), ...recorded };
        return purposeNoted ? { ...record, purposeNote: await this.purposeNoteOf(row.audit_id) } : record;
      }),
    );
    return { records, next: records.length === limit ? records[records.length - 1].position : null };
  }

  /** The note is sealed in the audit event (erased with its case's key), never in the read model, so it is read from there. */
  private async purposeNoteOf(auditId: string): Promise<unknown> {
    const [event] = await this.store.readStream(`${AUDIT_STREAM_PREFIX}${auditId}`);
    return (event?.data as EnforcementReadRecorded['data'] | undefined)?.purposeNote;
  }
}
