import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, ConcurrencyError } from '@registry/event-store';
import {
  CountsItems,
  CurrentPrincipal,
  IdempotentRequest,
  ItemValidation,
  Principal,
  Roles,
  exampleSchema,
  requestMetadata,
  validateItem,
} from '@registry/platform';
import { DomainError, FieldProblem } from '@registry/shared-kernel';
import {
  AttestationInput,
  BankAccountHolderInputDto,
  BulkAttestationsDto,
  EWalletHolderInputDto,
  KIND_RULE,
  PhoneSubscriberInputDto,
  PickupPointInputDto,
  attestationInputOf,
} from './attestation.dto';
import { AttestationWriteResult, ExecuteAttestationCommand } from './execute-attestation-command';
import { partnerOf } from './partner-of';
import { toStatement } from './to-statement';

export type BulkAttestationStatus = 'recorded' | 'unchanged' | 'invalid' | 'conflict' | 'forbidden';

export interface BulkAttestationResult {
  readonly index: number;
  readonly recordId: string | null;
  readonly status: BulkAttestationStatus;
  readonly version?: number;
  readonly problems?: readonly FieldProblem[];
  readonly message?: string;
}

@ApiTags('partner: attestations')
@ApiExtraModels(BankAccountHolderInputDto, EWalletHolderInputDto, PhoneSubscriberInputDto, PickupPointInputDto)
@Roles('partner')
@Controller('partner/attestations/bulk')
export class BulkSubmitAttestationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @CountsItems('attestations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Attest up to 5,000 records per request, each validated and recorded on its own',
    description: 'Items on the same record are applied in request order; other records concurrently.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiOkResponse({
    description: 'A result per item, in request order, and the counts',
    schema: exampleSchema({
      counts: { recorded: 1, unchanged: 0, invalid: 1, conflict: 0, forbidden: 0 },
      results: [
        { index: 0, recordId: 'kyc-2024-000123', status: 'recorded', version: 1 },
        {
          index: 1,
          recordId: 'kyc-2024-000124',
          status: 'invalid',
          problems: [{ field: 'attestations[1].account', reason: 'account number must be 6 to 19 digits' }],
        },
      ],
    }),
  })
  async submit(@Body() body: BulkAttestationsDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest) {
    const partner = partnerOf(principal);
    const metadata = requestMetadata(request, principal);
    const checked = await Promise.all(body.attestations.map((raw, index) => validateAttestation(raw, `attestations[${index}]`)));
    // Two items on one record are two statements in the order sent, never a race between them.
    const byRecord = new Map<string, Promise<BulkAttestationResult>>();
    const results = await Promise.all(
      checked.map((item, index) => {
        const recordId = recordIdOf(body.attestations[index]);
        if (!item.ok) return { index, recordId, status: 'invalid' as const, problems: item.problems };
        const context = { metadata, idSeed: request.idSeed && `${request.idSeed}:${index}` };
        const previous = byRecord.get(item.value.recordId) ?? Promise.resolve(undefined);
        const result = previous.then(() => this.recordOne(partner, principal, item.value, index, context));
        byRecord.set(item.value.recordId, result);
        return result;
      }),
    );
    const counts = { recorded: 0, unchanged: 0, invalid: 0, conflict: 0, forbidden: 0 };
    for (const result of results) counts[result.status]++;
    return { counts, results };
  }

  private async recordOne(
    partner: ReturnType<typeof partnerOf>,
    principal: Principal,
    input: AttestationInput,
    index: number,
    context: CommandContext,
  ): Promise<BulkAttestationResult> {
    const { recordId } = input;
    try {
      const statement = toStatement(input, partner.partnerId, principal.id);
      const result = await this.commands.execute<ExecuteAttestationCommand, AttestationWriteResult>(
        new ExecuteAttestationCommand(partner.partnerId, recordId, { type: 'Attest', partnerKind: partner.partnerKind, statement }, context),
      );
      return { index, recordId, status: result.changed ? 'recorded' : 'unchanged', version: result.version };
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'invalid') {
        return { index, recordId, status: 'invalid', problems: error.problems.map((p) => ({ ...p, field: `attestations[${index}].${p.field}` })) };
      }
      if (error instanceof DomainError && error.kind === 'forbidden') return { index, recordId, status: 'forbidden', message: error.message };
      if ((error instanceof DomainError && error.kind === 'conflict') || error instanceof ConcurrencyError) {
        return { index, recordId, status: 'conflict', message: error.message };
      }
      throw error;
    }
  }
}

/** One item checked like a whole body of POST /partner/attestations, against the class of its kind. */
async function validateAttestation(raw: unknown, path: string): Promise<ItemValidation<AttestationInput>> {
  const input = attestationInputOf(raw);
  if (input) return validateItem(input, raw, path);
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  return { ok: false, problems: [isObject ? { field: `${path}.kind`, reason: KIND_RULE } : { field: path, reason: 'must be an object' }] };
}

const recordIdOf = (raw: unknown) => {
  const recordId = (raw as { recordId?: unknown } | null | undefined)?.recordId;
  return typeof recordId === 'string' ? recordId : null;
};
