import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@registry/shared-kernel';
import { PrincipalService } from '../principal.service';
import { RevokePrincipalCommand, RevokedPrincipal } from './revoke-principal.command';

@CommandHandler(RevokePrincipalCommand)
export class RevokePrincipalHandler implements ICommandHandler<RevokePrincipalCommand, RevokedPrincipal> {
  constructor(private readonly principals: PrincipalService) {}

  async execute({ principalId, reason, metadata }: RevokePrincipalCommand): Promise<RevokedPrincipal> {
    // An administrator revoking itself could leave nobody able to administer the registry.
    if (principalId === metadata.principal) throw DomainError.conflict('a principal cannot revoke itself; ask another administrator');
    const { applied } = await this.principals.change(principalId, { type: 'RevokePrincipal', reason }, metadata);
    return { principalId, revoked: true, applied };
  }
}
