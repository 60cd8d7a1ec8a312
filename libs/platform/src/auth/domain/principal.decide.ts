import { Decider, DomainError, FieldProblem } from '@registry/shared-kernel';
import { PARTNER_KINDS, Principal, ROLES, Role } from '../principal';
import { BOOTSTRAP_STREAM, PrincipalEvent, PrincipalProfile, principalStream } from './principal.events';
import { PrincipalState, evolvePrincipal, initialPrincipalState } from './principal.state';

export type PrincipalCommand =
  { type: 'CreatePrincipal'; principal: Principal; keyHash: string } | { type: 'RotateApiKey'; keyHash: string } | { type: 'RevokePrincipal'; reason: string };

/** Principal ids, platform ids, partner ids and agencies: they end up in stream names and event metadata. */
export const PRINCIPAL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const PRINCIPAL_ID_RULE = 'must be 2 to 64 lowercase letters, digits, dots, underscores or hyphens, starting with a letter or digit';
const KEY_HASH = /^[0-9a-f]{64}$/;
const MAX_NAME = 200;
const MAX_REASON = 500;

type ScopeField = 'platformId' | 'partnerId' | 'partnerKind' | 'agency';

/** The scope fields each role must carry; a principal carries none of another role's. */
const SCOPE_FIELDS: Record<Role, readonly ScopeField[]> = {
  platform: ['platformId'],
  partner: ['partnerId', 'partnerKind'],
  enforcement: ['agency'],
  tax_office: [],
  admin: [],
};
const ALL_SCOPE_FIELDS: readonly ScopeField[] = ['platformId', 'partnerId', 'partnerKind', 'agency'];

export function decidePrincipal(command: PrincipalCommand, state: PrincipalState): PrincipalEvent[] {
  switch (command.type) {
    case 'CreatePrincipal': {
      const profile = checkedProfile(command.principal);
      checkKeyHash(command.keyHash);
      if (state.exists) throw DomainError.conflict(`principal ${profile.principalId} already exists`);
      return [{ type: 'PrincipalCreated', data: { ...profile, keyHash: command.keyHash } }];
    }
    case 'RotateApiKey': {
      checkKeyHash(command.keyHash);
      const principal = existing(state);
      if (principal.revoked) throw DomainError.conflict(`principal ${principal.principal.id} is revoked; create a new one`);
      return principal.keyHash === command.keyHash ? [] : [{ type: 'ApiKeyRotated', data: { keyHash: command.keyHash } }];
    }
    case 'RevokePrincipal': {
      const reason = command.reason.trim();
      if (reason.length === 0 || reason.length > MAX_REASON) throw DomainError.invalid('reason', `must be 1 to ${MAX_REASON} characters`);
      return existing(state).revoked ? [] : [{ type: 'PrincipalRevoked', data: { reason } }];
    }
  }
}

export const principalDecider: Decider<PrincipalState, PrincipalCommand, PrincipalEvent> = {
  initialState: initialPrincipalState,
  evolve: evolvePrincipal,
  decide: decidePrincipal,
};

/** Every problem of the profile at once, each named by its field; the profile with only its role's scope fields. */
function checkedProfile(principal: Principal): PrincipalProfile {
  const problems: FieldProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field, reason });

  if (!PRINCIPAL_ID_PATTERN.test(principal.id)) problem('principalId', PRINCIPAL_ID_RULE);
  else if (principalStream(principal.id) === BOOTSTRAP_STREAM) problem('principalId', 'is reserved');
  const name = principal.name.trim();
  if (name.length === 0 || name.length > MAX_NAME) problem('name', `must be 1 to ${MAX_NAME} characters`);
  if (!ROLES.includes(principal.role)) {
    problem('role', `must be one of ${ROLES.join(', ')}`);
    throw invalid(problems);
  }

  const required = SCOPE_FIELDS[principal.role];
  for (const field of ALL_SCOPE_FIELDS) {
    const value = principal[field];
    if (!required.includes(field)) {
      if (value !== undefined) problem(field, `is only for role ${roleOf(field)}`);
    } else if (value === undefined) {
      problem(field, `is required for role ${principal.role}`);
    } else if (field === 'partnerKind') {
      if (!PARTNER_KINDS.includes(value as never)) problem(field, `must be one of ${PARTNER_KINDS.join(', ')}`);
    } else if (!PRINCIPAL_ID_PATTERN.test(value)) {
      problem(field, PRINCIPAL_ID_RULE);
    }
  }
  if (problems.length > 0) throw invalid(problems);

  const scope = Object.fromEntries(required.map((field) => [field, principal[field]]));
  return { principalId: principal.id, role: principal.role, name, ...scope };
}

function roleOf(field: ScopeField): Role {
  return (Object.keys(SCOPE_FIELDS) as Role[]).find((role) => SCOPE_FIELDS[role].includes(field)) as Role;
}

/** A programming error rather than user input: the shell hashes the key before it gets here. */
function checkKeyHash(keyHash: string): void {
  if (!KEY_HASH.test(keyHash)) throw DomainError.invalid('keyHash', 'must be the sha256 hex digest of the API key');
}

function existing(state: PrincipalState): Extract<PrincipalState, { exists: true }> {
  if (!state.exists) throw DomainError.notFound('principal');
  return state;
}

function invalid(problems: readonly FieldProblem[]): DomainError {
  return new DomainError('invalid', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
}
