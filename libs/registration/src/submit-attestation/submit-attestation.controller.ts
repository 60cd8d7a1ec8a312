import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { AttestationBodyPipe } from './attestation-body.pipe';
import {
  ATTESTATION_EXAMPLES,
  ATTESTATION_SCHEMA,
  AttestationInput,
  BankAccountHolderInputDto,
  EWalletHolderInputDto,
  PhoneSubscriberInputDto,
  PickupPointInputDto,
} from './attestation.dto';
import { AttestationWriteResult } from './execute-attestation-command';
import { partnerOf } from './partner-of';
import { sendAttestationCommand } from './send-attestation-command';
import { toStatement } from './to-statement';

@ApiTags('partner: attestations')
@ApiExtraModels(BankAccountHolderInputDto, EWalletHolderInputDto, PhoneSubscriberInputDto, PickupPointInputDto)
@Roles('partner')
@Controller('partner/attestations')
export class SubmitAttestationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Attest who holds a bank account or e-wallet, who subscribes to a phone number, or which pickup point serves a shop',
    description:
      'A bank attests bank account holders, an e-wallet provider wallet holders, a telecom phone subscribers, a carrier or ' +
      'warehouse pickup points (403 otherwise). The same facts again change nothing; other facts on the same record are a new ' +
      'statement that supersedes the last; a record keeps its kind, and a withdrawn record is never reused (409).',
  })
  @ApiBody({
    schema: ATTESTATION_SCHEMA,
    examples: Object.fromEntries(Object.entries(ATTESTATION_EXAMPLES).map(([kind, value]) => [kind, { value }])),
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the record read; 412 when it changed since' })
  @ApiCreatedResponse({
    description: 'Recorded (changed: false when the record already states the same facts); ETag is the record version',
    schema: exampleSchema({ partnerId: 'vcb', recordId: 'kyc-2024-000123', version: 1, changed: true }),
  })
  submit(
    @Body(AttestationBodyPipe) body: AttestationInput,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AttestationWriteResult> {
    const { partnerId, partnerKind } = partnerOf(principal);
    const statement = toStatement(body, partnerId, principal.id);
    return sendAttestationCommand(this.commands, { principal, request, response }, body.recordId, { type: 'Attest', partnerKind, statement });
  }
}
