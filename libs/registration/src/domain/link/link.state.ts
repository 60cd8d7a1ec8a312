import { LinkEvent, LinkParty, partyKey } from './link.events';

export interface LinkStatement {
  readonly party: LinkParty;
  readonly evidence: string;
  readonly linkedBy: string;
  readonly caseReference?: string;
}

/** The pair is linked while at least one party's statement stands; keyed by `partyKey`. */
export interface LinkState {
  readonly statements: ReadonlyMap<string, LinkStatement>;
}

export const initialLinkState = (): LinkState => ({ statements: new Map() });

export function evolveLink(state: LinkState, event: LinkEvent): LinkState {
  const party = partyOf(event.data);
  const statements = new Map(state.statements);
  if (event.type === 'ShopsLinked') {
    const { evidence, linkedBy, caseReference } = event.data;
    statements.set(partyKey(party), { party, evidence, linkedBy, ...(caseReference === undefined ? {} : { caseReference }) });
  } else {
    statements.delete(partyKey(party));
  }
  return { statements };
}

function partyOf(data: LinkParty): LinkParty {
  if (data.role === 'platform') return { role: 'platform', platformId: data.platformId };
  return data.agency === undefined ? { role: 'enforcement' } : { role: 'enforcement', agency: data.agency };
}
