import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { ReasonDto } from '../claim-input/claim-input.dto';
import { AttestationWriteResult } from '../submit-attestation/execute-attestation-command';
import { sendAttestationCommand } from '../submit-attestation/send-attestation-command';
import { RecordIdPipe } from './record-id.pipe';

@ApiTags('partner: attestations')
@Roles('partner')
@Controller('partner/attestations/:recordId')
export class WithdrawAttestationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw one of the partner’s records; it stays on record, closed for good',
    description: 'Withdrawing again changes nothing; a withdrawn record is never reused: attest a new fact under a new record id.',
  })
  @ApiParam({ name: 'recordId', example: 'kyc-2024-000123', description: 'The partner’s own reference for the record' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the record read; 412 when it changed since' })
  @ApiOkResponse({
    description: 'Withdrawn (changed: false when it was already); ETag is the record version; 404 for a record the partner never attested',
    schema: exampleSchema({ partnerId: 'vcb', recordId: 'kyc-2024-000123', version: 2, changed: true }),
  })
  withdraw(
    @Param('recordId', RecordIdPipe) recordId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AttestationWriteResult> {
    return sendAttestationCommand(this.commands, { principal, request, response }, recordId, {
      type: 'WithdrawAttestation',
      reason: body.reason,
      by: principal.id,
    });
  }
}
