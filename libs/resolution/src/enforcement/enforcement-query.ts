import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Every enforcement read takes `asOf`: the answer is what the registry knew at that time. */
export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-06-30T17:00:00Z', description: 'Answer as the registry knew it then (ISO 8601 timestamp); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf: must be an ISO 8601 timestamp' })
  asOf?: string;
}

export const asOfDate = (query: AsOfQuery): Date | undefined => (query.asOf ? new Date(query.asOf) : undefined);
