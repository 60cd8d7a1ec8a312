import { CommandBus } from '@nestjs/cqrs';
import { IdempotentRequest, Principal, commandContext, etagOf } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { AttestationCommand } from '../domain/attestation/attestation.decide';
import { AttestationWriteResult, ExecuteAttestationCommand } from './execute-attestation-command';
import { partnerOf } from './partner-of';

/** What every single-record write route does: dispatch the domain command for the caller's own record, answer with the new ETag. */
export async function sendAttestationCommand(
  commands: CommandBus,
  http: { principal: Principal; request: IdempotentRequest; response: HttpResponse },
  recordId: string,
  command: AttestationCommand,
): Promise<AttestationWriteResult> {
  const context = commandContext(http.request, http.principal);
  const result = await commands.execute<ExecuteAttestationCommand, AttestationWriteResult>(
    new ExecuteAttestationCommand(partnerOf(http.principal).partnerId, recordId, command, context),
  );
  http.response.header('ETag', etagOf(result.version));
  return result;
}
