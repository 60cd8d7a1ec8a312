import { Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent, insertRows } from '@registry/event-store';
import { ENFORCEMENT_READ_RECORDED, EnforcementReadRecorded } from './enforcement-read.events';

/** The enforcement reads, findable by officer, case and subject (a shop key or a person's blind-index key). */
@Injectable()
export class AuditTrailProjection implements Projection {
  readonly name = 'enforcement-audit';
  /** Reads and writes only its own tables: beside the other projections on PostgreSQL. */
  readonly standsAlone = true;

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    const reads: unknown[][] = [];
    const subjects: unknown[][] = [];
    for (const event of events) {
      if (event.type !== ENFORCEMENT_READ_RECORDED) continue;
      const { purposeNote, ...data } = event.data as EnforcementReadRecorded['data'];
      // The note stays sealed in the event; the table only says that there is one.
      const body = purposeNote === undefined ? data : { ...data, purposeNoted: true };
      reads.push([
        event.id,
        event.position,
        data.officer,
        data.agency,
        data.caseReference,
        data.purpose,
        data.query.name,
        event.recordedAt,
        JSON.stringify(body),
      ]);
      for (const subject of new Set([...data.shops, ...data.persons])) subjects.push([subject, event.id, event.position]);
    }
    await insertRows(
      tx,
      'enforcement_audit',
      ['audit_id', 'position', 'officer', 'agency', 'case_reference', 'purpose', 'query_name', 'recorded_at', 'body'],
      reads,
      'ON CONFLICT (audit_id) DO NOTHING',
    );
    await insertRows(tx, 'enforcement_audit_subjects', ['subject', 'audit_id', 'position'], subjects, 'ON CONFLICT DO NOTHING');
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM enforcement_audit_subjects');
    await tx.run('DELETE FROM enforcement_audit');
  }
}
