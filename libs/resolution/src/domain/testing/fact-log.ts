import { AsOf } from '../facts/as-of';
import {
  AttestedKind,
  ClaimRole,
  HolderAttestationFact,
  IdentifierRef,
  PersonIdentity,
  PickupPointFact,
  RegistryFact,
  ShopIdentifierFact,
  ShopKey,
  ShopLinkFact,
  ShopRegisteredFact,
  VerificationMethod,
} from '../facts/facts';

export interface FactOptions {
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly verification?: VerificationMethod;
  readonly recordedOn?: string;
  readonly by?: string;
  readonly claimId?: string;
}

/** Facts for specs, each at the next position, in the order written. */
export class FactLog {
  private readonly byId = new Map<string, RegistryFact>();
  private position = 0;

  constructor(private readonly recordedOn = '2025-01-15') {}

  get facts(): RegistryFact[] {
    return [...this.byId.values()];
  }

  get lastPosition(): number {
    return this.position;
  }

  asOf(date: string, position = this.position): AsOf {
    return { position, date };
  }

  register(shop: ShopKey): ShopRegisteredFact {
    return this.push({ kind: 'shopRegistered', shop }, {});
  }

  claim(shop: ShopKey, role: ClaimRole, identifier: IdentifierRef, options: FactOptions = {}): ShopIdentifierFact {
    return this.push({ kind: 'shopIdentifier', shop, role, identifier }, options);
  }

  /** One claim naming a person: a fact per identifier, all under one claim id. */
  declare(shop: ShopKey, identity: PersonIdentity, options: FactOptions & { role?: ClaimRole } = {}): ShopIdentifierFact[] {
    const claimId = options.claimId ?? `claim-${this.position + 1}`;
    return (Object.entries(identity) as [keyof PersonIdentity, string][]).map(([kind, value]) =>
      this.claim(shop, options.role ?? 'declared_owner', { kind, value }, { verification: 'vneid_level_2', ...options, claimId }),
    );
  }

  attest(kind: AttestedKind, value: string, holder: PersonIdentity, options: FactOptions = {}): HolderAttestationFact {
    const verification = kind === 'phone' ? 'telecom_confirmation' : 'bank_confirmation';
    return this.push({ kind: 'holderAttestation', identifier: { kind, value }, holder }, { verification, by: `${kind}-partner`, ...options });
  }

  pickup(shop: ShopKey, address: string | null, phone: string | null, options: FactOptions = {}): PickupPointFact {
    return this.push({ kind: 'pickupPoint', shop, address, phone }, { by: 'carrier', ...options });
  }

  link(a: ShopKey, b: ShopKey, statedBy: 'platform' | 'enforcement' = 'platform', options: FactOptions = {}): ShopLinkFact {
    return this.push({ kind: 'shopLink', a, b, statedBy }, options);
  }

  /** A retraction, withdrawal or erasure of the fact, at the next position. */
  remove(fact: RegistryFact): number {
    const position = ++this.position;
    this.byId.set(fact.factId, { ...fact, removedAt: position });
    return position;
  }

  private push<F extends RegistryFact>(body: Omit<F, 'factId' | 'provenance' | 'addedAt' | 'removedAt' | 'validFrom' | 'validTo'>, options: FactOptions): F {
    const position = ++this.position;
    const factId = `f${position}`;
    const fact = {
      ...body,
      factId,
      addedAt: position,
      removedAt: null,
      validFrom: options.validFrom ?? null,
      validTo: options.validTo ?? null,
      provenance: {
        stream: 'shop' in body ? `shop-${String(body.shop)}` : `stream-${factId}`,
        sourceRef: options.claimId ?? `ref-${factId}`,
        assertedBy: options.by ?? 'platform-api',
        verification: options.verification ?? 'none',
        recordedAt: `${options.recordedOn ?? this.recordedOn}T08:00:00Z`,
      },
    } as F;
    this.byId.set(factId, fact);
    return fact;
  }
}

export const id = (kind: IdentifierRef['kind'], value: string): IdentifierRef => ({ kind, value });
