import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RevokePrincipalDto {
  @ApiProperty({ example: 'contract ended', description: 'Recorded in the PrincipalRevoked event' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
