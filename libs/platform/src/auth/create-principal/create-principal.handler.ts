import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { generateApiKey, hashApiKey } from '../api-keys';
import { PrincipalService } from '../principal.service';
import { CreatePrincipalCommand, CreatedPrincipal } from './create-principal.command';

@CommandHandler(CreatePrincipalCommand)
export class CreatePrincipalHandler implements ICommandHandler<CreatePrincipalCommand, CreatedPrincipal> {
  constructor(private readonly principals: PrincipalService) {}

  async execute({ principal, metadata }: CreatePrincipalCommand): Promise<CreatedPrincipal> {
    const apiKey = generateApiKey();
    const { applied } = await this.principals.change(principal.id, { type: 'CreatePrincipal', principal, keyHash: hashApiKey(apiKey) }, metadata);
    return { principalId: principal.id, role: principal.role, apiKey, applied };
  }
}
