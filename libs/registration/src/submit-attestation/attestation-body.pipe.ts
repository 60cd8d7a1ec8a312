import { PipeTransform } from '@nestjs/common';
import { registryValidationPipe } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import { AttestationInput, KIND_RULE, attestationInputOf } from './attestation.dto';

/** The body of one attestation, validated by the global pipe's own rules against the class of its kind. */
export class AttestationBodyPipe implements PipeTransform<unknown, Promise<AttestationInput>> {
  private readonly validation = registryValidationPipe();

  async transform(raw: unknown): Promise<AttestationInput> {
    const input = attestationInputOf(raw);
    if (!input) throw DomainError.invalid('kind', KIND_RULE);
    return this.validation.transform(raw, { type: 'body', metatype: input });
  }
}
