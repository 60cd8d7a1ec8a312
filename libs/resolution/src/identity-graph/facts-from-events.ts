import { StoredEvent } from '@registry/event-store';
import { IdentifierKind, matchedKind, parseShopStream } from '@registry/shared-kernel';
import {
  HolderAttestationFact,
  IdentifierRef,
  PersonIdentity,
  PickupPointFact,
  Provenance,
  RegistryFact,
  ShopIdentifierFact,
  ShopLinkFact,
  VerificationMethod,
  identifiedKeyOf,
  identifierKey,
  shopKey,
} from '../domain';

/** Turns a normalised identifier into the opaque value the graph compares (a blind index). */
export type Blind = (kind: string, normalised: string) => string;

/** What one event does to the graph: facts that start, and facts (of a source) that end. */
export type FactChange =
  | { readonly type: 'add'; readonly fact: RegistryFact; readonly source: string; readonly dataKeyId: string | null }
  | { readonly type: 'end'; readonly source: string }
  | { readonly type: 'reverify'; readonly source: string; readonly verification: VerificationMethod }
  | { readonly type: 'erase'; readonly dataKeyIds: readonly string[] };

interface FoldedText {
  readonly folded: string;
  readonly original?: string;
}
interface SubjectData {
  readonly fullName?: FoldedText;
  readonly nationalId?: string;
  readonly taxCode?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: FoldedText;
  readonly bankAccount?: string;
  readonly eWallet?: string;
}

const IDENTIFIERS = ['nationalId', 'taxCode', 'phone', 'email', 'bankAccount', 'eWallet'] as const;

/** An identifier of a subject: the kind it is matched under, its normalised value, and the text that shows it. */
export interface SubjectValue {
  readonly kind: IdentifierKind;
  readonly normalised: string;
  readonly shown: string;
}

/**
 * Every identifier of a claim's subject in clear: ID numbers, contact points, accounts, and the folded
 * name and address. A personal tax code is the national ID it is (`matchedKind`), once where the
 * subject also states it as its national ID; beside another national ID (an old 9-digit CMND, say) it
 * stays a tax code, so that a subject has one ID number of each kind, as before.
 */
export function subjectValues(subject: SubjectData | undefined): SubjectValue[] {
  if (!subject || typeof subject !== 'object' || (subject as { erased?: boolean }).erased) return [];
  const found: SubjectValue[] = [];
  for (const field of IDENTIFIERS) {
    const value: string | undefined = subject[field];
    if (typeof value !== 'string') continue;
    const kind = field === 'taxCode' && personalTaxCodeOf(subject) === value ? 'nationalId' : field;
    if (kind !== field && subject.nationalId === value) continue;
    found.push({ kind, normalised: value, shown: value });
  }
  const { fullName, address } = subject;
  if (fullName?.folded) found.push({ kind: 'personName', normalised: fullName.folded, shown: fullName.original ?? fullName.folded });
  if (address?.folded) found.push({ kind: 'address', normalised: address.folded, shown: address.original ?? address.folded });
  return found;
}

/** Every identifier of a claim's subject, blinded (see `subjectValues`). */
export function identifiersOf(subject: SubjectData | undefined, blind: Blind): IdentifierRef[] {
  return subjectValues(subject).map(({ kind, normalised }) => ({ kind, value: blind(kind, normalised) }));
}

/**
 * The subject's tax code when it stands for its national ID: a personal one (`matchedKind`), with no
 * national ID or the same one beside it. Else undefined.
 */
function personalTaxCodeOf(subject: SubjectData): string | undefined {
  const { taxCode, nationalId } = subject;
  if (taxCode === undefined || matchedKind('taxCode', taxCode) !== 'nationalId') return undefined;
  return nationalId === undefined || nationalId === taxCode ? taxCode : undefined;
}

/** Who a holder or subscriber is: a personal tax code stands for the national ID (`personalTaxCodeOf`). */
function personOf(subject: SubjectData | undefined, blind: Blind): PersonIdentity {
  if (!subject || (subject as { erased?: boolean }).erased) return {};
  const personal = personalTaxCodeOf(subject);
  const nationalId = subject.nationalId ?? personal;
  const taxCode = personal === undefined ? subject.taxCode : undefined;
  return {
    ...(nationalId ? { nationalId: blind('nationalId', nationalId) } : {}),
    ...(taxCode ? { taxCode: blind('taxCode', taxCode) } : {}),
    ...(subject.fullName?.folded ? { personName: blind('personName', subject.fullName.folded) } : {}),
  };
}

const ATTESTATION_VERIFICATION: Record<string, VerificationMethod> = {
  BankAccountHolderAttested: 'bank_confirmation',
  EWalletHolderAttested: 'bank_confirmation',
  PhoneSubscriberAttested: 'telecom_confirmation',
  PickupPointAttested: 'document_check',
};

/**
 * The graph changes an event makes. Pure: the same events give the same facts, so a rebuild
 * reproduces the graph. An event whose personal data was erased gives no identifier facts.
 */
export function factChangesOf(event: StoredEvent, blind: Blind): FactChange[] {
  const data = event.data as Record<string, unknown>;
  const dataKeyId = event.personalData && !event.personalData.erased ? event.personalData.keyId : null;
  const base = (sourceRef: string, verification: VerificationMethod): Pick<RegistryFact, 'provenance' | 'addedAt' | 'removedAt'> => ({
    provenance: provenanceOf(event, sourceRef, verification),
    addedAt: event.position,
    removedAt: null,
  });
  const shop = parseShopStream(event.stream);
  switch (event.type) {
    case 'ShopRegistered': {
      if (!shop) return [];
      const key = shopKey(shop.platformId, shop.shopId);
      return [
        {
          type: 'add',
          source: `${event.stream}#registered`,
          dataKeyId: null,
          fact: { ...base(key, 'none'), kind: 'shopRegistered', factId: `reg:${key}`, shop: key, validFrom: null, validTo: null },
        },
      ];
    }
    case 'ClaimAdded': {
      if (!shop) return [];
      const claimId = String(data.claimId);
      const verification = ((data.verification as { method?: VerificationMethod } | undefined)?.method ?? 'none') as VerificationMethod;
      const source = `${event.stream}#claim:${claimId}`;
      // One provenance and shop key for the claim's facts, each fact in one literal: spreading a
      // common part into every fact was the projection's costliest line in bulk loads (issue 14).
      const provenance = provenanceOf(event, claimId, verification);
      const shopKeyOfClaim = shopKey(shop.platformId, shop.shopId);
      const role = data.role as ShopIdentifierFact['role'];
      const validFrom = (data.validFrom as string | null) ?? null;
      const validTo = (data.validTo as string | null) ?? null;
      return identifiersOf(data.subject as SubjectData, blind).map((identifier) => ({
        type: 'add' as const,
        source,
        dataKeyId,
        fact: {
          provenance,
          addedAt: event.position,
          removedAt: null,
          kind: 'shopIdentifier',
          factId: `${source}#${identifier.kind}@${event.position}`,
          shop: shopKeyOfClaim,
          identifier,
          role,
          validFrom,
          validTo,
        } satisfies ShopIdentifierFact,
      }));
    }
    case 'ClaimVerified':
      return shop
        ? [
            {
              type: 'reverify',
              source: `${event.stream}#claim:${String(data.claimId)}`,
              verification: ((data.verification as { method: VerificationMethod }).method ?? 'none') as VerificationMethod,
            },
          ]
        : [];
    case 'ClaimRetracted':
      return shop ? [{ type: 'end', source: `${event.stream}#claim:${String(data.claimId)}` }] : [];
    case 'BankAccountHolderAttested':
    case 'EWalletHolderAttested':
    case 'PhoneSubscriberAttested':
      return [{ type: 'end', source: event.stream }, ...holderAttestation(event, data, blind, base, dataKeyId)];
    case 'PickupPointAttested':
      return [{ type: 'end', source: event.stream }, ...pickupPoint(event, data, blind, base, dataKeyId)];
    case 'AttestationWithdrawn':
      return [{ type: 'end', source: event.stream }];
    case 'ShopsLinked': {
      const a = data.a as { platformId: string; shopId: string };
      const b = data.b as { platformId: string; shopId: string };
      const party = partyOf(data);
      const fact: ShopLinkFact = {
        ...base(event.stream, party === 'enforcement' ? 'document_check' : 'none'),
        kind: 'shopLink',
        factId: `${event.stream}#${party}@${event.position}`,
        a: shopKey(a.platformId, a.shopId),
        b: shopKey(b.platformId, b.shopId),
        statedBy: party === 'enforcement' ? 'enforcement' : 'platform',
        validFrom: null,
        validTo: null,
      };
      return [
        { type: 'end', source: `${event.stream}#${party}` },
        { type: 'add', source: `${event.stream}#${party}`, dataKeyId: null, fact },
      ];
    }
    case 'ShopsUnlinked':
      return [{ type: 'end', source: `${event.stream}#${partyOf(data)}` }];
    case 'PersonalDataErased':
      return [{ type: 'erase', dataKeyIds: (data.keyIds as string[]) ?? [] }];
    default:
      return [];
  }
}

const partyOf = (data: Record<string, unknown>) => (data.role === 'enforcement' ? 'enforcement' : `platform:${String(data.platformId)}`);

function provenanceOf(event: StoredEvent, sourceRef: string, verification: VerificationMethod): Provenance {
  return { stream: event.stream, sourceRef, assertedBy: event.metadata.principal, verification, recordedAt: event.recordedAt };
}

const KIND_OF: Record<string, HolderAttestationFact['identifier']['kind']> = {
  BankAccountHolderAttested: 'bankAccount',
  EWalletHolderAttested: 'eWallet',
  PhoneSubscriberAttested: 'phone',
};

function holderAttestation(
  event: StoredEvent,
  data: Record<string, unknown>,
  blind: Blind,
  base: (sourceRef: string, verification: VerificationMethod) => Pick<RegistryFact, 'provenance' | 'addedAt' | 'removedAt'>,
  dataKeyId: string | null,
): FactChange[] {
  const kind = KIND_OF[event.type];
  const value = (kind === 'bankAccount' ? data.account : kind === 'eWallet' ? data.wallet : data.phone) as unknown;
  if (typeof value !== 'string') return []; // erased
  const holder = personOf((kind === 'phone' ? data.subscriber : data.holder) as SubjectData, blind);
  const fact: HolderAttestationFact = {
    ...base(String(data.recordId), ATTESTATION_VERIFICATION[event.type]),
    kind: 'holderAttestation',
    factId: `${event.stream}@${event.position}`,
    identifier: { kind, value: blind(kind, value) },
    holder,
    validFrom: (data.validFrom as string | null) ?? null,
    validTo: (data.validTo as string | null) ?? null,
  };
  return [{ type: 'add', source: event.stream, dataKeyId, fact }];
}

function pickupPoint(
  event: StoredEvent,
  data: Record<string, unknown>,
  blind: Blind,
  base: (sourceRef: string, verification: VerificationMethod) => Pick<RegistryFact, 'provenance' | 'addedAt' | 'removedAt'>,
  dataKeyId: string | null,
): FactChange[] {
  const address = (data.address as SubjectData | undefined)?.address?.folded ?? null;
  const phone = (data.contact as SubjectData | undefined)?.phone ?? null;
  if (address === null && phone === null) return [];
  const fact: PickupPointFact = {
    ...base(String(data.recordId), ATTESTATION_VERIFICATION[event.type]),
    kind: 'pickupPoint',
    factId: `${event.stream}@${event.position}`,
    shop: shopKey(String(data.platformId), String(data.shopId)),
    address: address === null ? null : blind('address', address),
    phone: phone === null ? null : blind('phone', phone),
    validFrom: (data.validFrom as string | null) ?? null,
    validTo: (data.validTo as string | null) ?? null,
  };
  return [{ type: 'add', source: event.stream, dataKeyId, fact }];
}

/** The columns a fact is found by: its shops and the keys it ties them to. */
export function factColumns(fact: RegistryFact): { shop: string | null; shopB: string | null; key1: string | null; key2: string | null } {
  switch (fact.kind) {
    case 'shopRegistered':
      return { shop: fact.shop, shopB: null, key1: null, key2: null };
    case 'shopIdentifier':
      return { shop: fact.shop, shopB: null, key1: identifierKey(fact.identifier), key2: null };
    case 'holderAttestation':
      return { shop: null, shopB: null, key1: identifierKey(fact.identifier), key2: identifiedKeyOf(fact.holder) };
    case 'pickupPoint':
      return {
        shop: fact.shop,
        shopB: null,
        key1: fact.phone === null ? null : identifierKey({ kind: 'phone', value: fact.phone }),
        key2: fact.address === null ? null : identifierKey({ kind: 'address', value: fact.address }),
      };
    case 'shopLink':
      return { shop: fact.a, shopB: fact.b, key1: null, key2: null };
  }
}
