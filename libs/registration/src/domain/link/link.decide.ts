import { Decider, DomainError } from '@registry/shared-kernel';
import { LinkEvent, LinkParty, ShopRef, linkPair, partyKey } from './link.events';
import { LinkState, evolveLink, initialLinkState } from './link.state';

export type LinkCommand =
  | { type: 'LinkShops'; shops: readonly [ShopRef, ShopRef]; evidence: string; caseReference?: string; party: LinkParty; by: string }
  | { type: 'UnlinkShops'; reason: string; party: LinkParty; by: string };

export function decideLink(command: LinkCommand, state: LinkState): LinkEvent[] {
  switch (command.type) {
    case 'LinkShops': {
      const { a, b } = linkPair(...command.shops);
      if (a.platformId === b.platformId && a.shopId === b.shopId) throw new DomainError('invalid', 'a shop cannot be linked to itself');
      const { party } = command;
      if (party.role === 'platform' && a.platformId !== party.platformId && b.platformId !== party.platformId) {
        throw new DomainError('forbidden', 'a platform links only pairs that include one of its own shops');
      }
      if (state.statements.has(partyKey(command.party))) return [];
      const caseReference = command.caseReference === undefined ? {} : { caseReference: command.caseReference };
      return [{ type: 'ShopsLinked', data: { a, b, evidence: command.evidence, linkedBy: command.by, ...party, ...caseReference } }];
    }
    case 'UnlinkShops': {
      const statement = state.statements.get(partyKey(command.party));
      if (!statement) return [];
      const foundBy = statement.party.role === 'enforcement' ? statement.party.agency : undefined;
      if (command.party.role === 'enforcement' && foundBy !== undefined && foundBy !== command.party.agency) {
        throw new DomainError('forbidden', `the link was found by agency ${foundBy}: only an officer of that agency can withdraw it`);
      }
      return [{ type: 'ShopsUnlinked', data: { reason: command.reason, unlinkedBy: command.by, ...command.party } }];
    }
  }
}

export const linkDecider: Decider<LinkState, LinkCommand, LinkEvent> = {
  initialState: initialLinkState,
  evolve: evolveLink,
  decide: decideLink,
};
