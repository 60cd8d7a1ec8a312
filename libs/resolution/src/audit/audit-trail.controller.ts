import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { EventStore, SqlDatabase } from '@registry/event-store';
import { ReadRoute, Roles } from '@registry/platform';
import { DomainError, IDENTIFIER_KINDS, IdentifierKind, parseIdentifier } from '@registry/shared-kernel';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IdentityGraphReader } from '../reading/identity-graph.reader';
import { AUDIT_STREAM_PREFIX, EnforcementReadRecorded } from './enforcement-read.events';

class PersonSubjectDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS, example: 'nationalId' })
  @IsIn(IDENTIFIER_KINDS as unknown as string[])
  kind: IdentifierKind;

  @ApiProperty({ example: '001085012345' })
  @IsDefined()
  value: unknown;
}

/** Filters in a body: a person is named by an identifier, which must not travel in a URL. */
export class AuditSearchDto {
  @ApiPropertyOptional({ example: 'officer:qltt-hn-017' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  officer?: string;

  @ApiPropertyOptional({ example: 'QLTT-HN-2026-0117' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseReference?: string;

  @ApiPropertyOptional({ example: 'shopee:shop-889123', description: 'A shop the reads returned, as platformId:shopId' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}:[A-Za-z0-9._-]{1,100}$/, { message: 'shop: must be platformId:shopId' })
  shop?: string;

  @ApiPropertyOptional({ type: PersonSubjectDto, description: 'A person or identifier the reads returned' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonSubjectDto)
  subject?: PersonSubjectDto;

  @ApiPropertyOptional({ description: 'The position of the last record of the previous page' })
  @IsOptional()
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

interface AuditRow {
  audit_id: string;
  position: number | string;
  recorded_at: string | Date;
  body: string;
}

@ApiTags('admin: audit')
@Roles('admin')
@Controller('admin/enforcement-audit/search')
export class AuditTrailController {
  constructor(
    private readonly db: SqlDatabase,
    private readonly reader: IdentityGraphReader,
    private readonly store: EventStore,
  ) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'The enforcement reads, oldest first, filtered by officer, case, shop or person; persons appear by blind-index key' })
  async search(@Body() body: AuditSearchDto) {
    const where: string[] = ['a.position > $1'];
    const params: unknown[] = [body.after ?? 0];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (body.officer) add((n) => `a.officer = ${n}`, body.officer);
    if (body.caseReference) add((n) => `a.case_reference = ${n}`, body.caseReference);
    if (body.shop) add((n) => `a.audit_id IN (SELECT audit_id FROM enforcement_audit_subjects WHERE subject = ${n})`, body.shop);
    if (body.subject) {
      const parsed = parseIdentifier(body.subject.kind, body.subject.value);
      if (!parsed.ok) throw DomainError.invalid('subject.value', parsed.reason);
      add((n) => `a.audit_id IN (SELECT audit_id FROM enforcement_audit_subjects WHERE subject = ${n})`, this.reader.keyOf(body.subject.kind, parsed.value.value));
    }
    const limit = body.limit ?? 100;
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

  /** The note is sealed in the audit event (erased with its case's key), so it is read from there. */
  private async purposeNoteOf(auditId: string): Promise<unknown> {
    const [event] = await this.store.readStream(`${AUDIT_STREAM_PREFIX}${auditId}`);
    return (event?.data as EnforcementReadRecorded['data'] | undefined)?.purposeNote;
  }
}
