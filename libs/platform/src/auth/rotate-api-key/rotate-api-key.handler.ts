import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { generateApiKey, hashApiKey } from '../api-keys';
import { PrincipalService } from '../principal.service';
import { RotateApiKeyCommand, RotatedApiKey } from './rotate-api-key.command';

@CommandHandler(RotateApiKeyCommand)
export class RotateApiKeyHandler implements ICommandHandler<RotateApiKeyCommand, RotatedApiKey> {
  constructor(private readonly principals: PrincipalService) {}

  async execute({ principalId, metadata }: RotateApiKeyCommand): Promise<RotatedApiKey> {
    const apiKey = generateApiKey();
    const { applied } = await this.principals.change(principalId, { type: 'RotateApiKey', keyHash: hashApiKey(apiKey) }, metadata);
    return { principalId, apiKey, applied };
  }
}
