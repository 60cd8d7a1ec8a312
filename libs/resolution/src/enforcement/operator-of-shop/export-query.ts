import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AsOfQuery } from '../enforcement-query';
import { NetworkFormat } from '../export/network-export';

export class OperatorQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the operator’s shops as a spreadsheet, recorded in the audit trail as an export' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format: must be json or csv' })
  format?: 'json' | 'csv';
}

export class NetworkQuery extends AsOfQuery {
  @ApiPropertyOptional({
    enum: ['json', 'graphml', 'gexf'],
    description: 'graphml or gexf: the graph as a file for Gephi, recorded in the audit trail as an export',
  })
  @IsOptional()
  @IsIn(['json', 'graphml', 'gexf'], { message: 'format: must be json, graphml or gexf' })
  format?: 'json' | NetworkFormat;
}
