/** The shapes of the enforcement API's answers, as far as the workspace reads them. */
export interface ReadPoint {
  readonly position: number;
  readonly date: string;
  readonly recordedBy: string | null;
}

export interface Person {
  readonly key: string;
  readonly name: string | null;
  readonly nationalId: string | null;
  readonly taxCode: string | null;
}

export interface Identifier {
  readonly kind: string;
  readonly value: string;
}

export interface Evidence {
  readonly kind: string;
  readonly shop: string;
  readonly identifier: Identifier | null;
  readonly weight: number;
  readonly verification: string | null;
  readonly facts: readonly string[];
  readonly text: string;
}

export interface OperatorSummary {
  readonly controller: Person | null;
  readonly through: readonly string[] | string | null;
  readonly confidence: { readonly level: string; readonly value: number };
  readonly text: string;
}

export interface OperatorShop {
  readonly shop: string;
  readonly platformId: string;
  readonly status: string | null;
  readonly declaredOwners: readonly { readonly person: Person | null; readonly verification: string | null }[];
  readonly nomineeSuspected: { readonly controlledBy: Person | null; readonly reasons: readonly string[] } | null;
}

export interface Operator {
  readonly operatorId: string;
  /** Who controls it, through what, how sure: the answer's first lines. */
  readonly summary?: OperatorSummary;
  readonly shops: readonly OperatorShop[];
  readonly controllers: readonly {
    readonly person: Person;
    readonly confidence: Confidence;
    readonly through: readonly { readonly kind: string; readonly shops: number; readonly ofShops: number }[];
    readonly attested: boolean;
    readonly why: readonly Evidence[];
  }[];
  readonly hubs: readonly { readonly joinKey: string; readonly shopCount: number; readonly moreThan?: boolean }[];
  readonly nominees: readonly { readonly joinKey: string; readonly moneyGroups: number }[];
  readonly leads: readonly { readonly identifier: Identifier; readonly shopCount: number; readonly moreThan?: boolean }[];
  readonly confidence: Confidence;
}

/** How sure, as a word and a number. */
export interface Confidence {
  readonly level: 'high' | 'medium' | 'low';
  readonly value: number;
}

export interface OperatorAnswer {
  readonly asOf: ReadPoint;
  readonly auditId: string;
  readonly operator: Operator;
  readonly truncated: boolean;
}

export interface NetworkNode {
  readonly id: string;
  readonly type: 'shop' | 'identifier';
  readonly label: string;
  readonly hub?: boolean;
  readonly nominee?: boolean;
}

export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  readonly basis: string | null;
  readonly role: string;
  readonly joins: boolean;
  readonly facts: readonly string[];
}

export interface NetworkAnswer {
  readonly asOf: ReadPoint;
  readonly auditId: string;
  readonly operatorId: string | null;
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
}

export interface HistoryAnswer {
  readonly shop: string;
  readonly events: readonly {
    readonly position: number;
    readonly type: string;
    readonly recordedAt: string;
    readonly provenance: { readonly principal: string };
    readonly data: Record<string, unknown>;
  }[];
}

export interface Provenance {
  readonly stream: string;
  readonly assertedBy: string;
  readonly verification: string | null;
  readonly recordedAt: string;
}

export interface FormationAnswer {
  readonly merges:
    | readonly {
        readonly position: number;
        readonly joinKey: string;
        readonly basis: string;
        readonly edge: {
          readonly shop: string;
          readonly attribution?: { readonly attestations?: readonly { readonly factId: string; readonly provenance: Provenance; readonly addedAt: number }[] };
        };
        readonly counterpart: { readonly shop: string };
      }[]
    | null;
}

export type WhyAnswer =
  | { readonly joined: true; readonly chain: readonly { readonly from: string; readonly to: string; readonly joinKey: string; readonly basis: string }[] }
  | { readonly joined: false; readonly reasons: readonly { readonly kind: string; readonly joinKey?: string; readonly shopCount?: number }[] };

export interface IdentifierSearchAnswer {
  readonly asOf: ReadPoint;
  readonly lead: boolean;
  readonly truncated: boolean;
  readonly shops: readonly {
    readonly shop: string;
    readonly platformId: string;
    readonly shopId: string;
    readonly roles: readonly string[];
    readonly status: string | null;
  }[];
}

export interface PersonSearchAnswer {
  readonly person: Person | null;
  readonly operators: readonly {
    readonly operatorId: string;
    readonly role: 'controller' | 'declaredOwner' | 'nominee';
    readonly shops: readonly (string | { readonly shop: string })[];
    readonly evidence: readonly (Evidence | string)[];
    readonly summary?: OperatorSummary;
  }[];
  readonly point?: ReadPoint;
}

export interface TaxTotals {
  readonly due: string;
  readonly withheld: string;
  readonly shortfall: string;
}

export interface TaxYear {
  readonly year: number;
  readonly revenue: string;
  readonly platforms: number;
  readonly shops: readonly { platformId: string; shopId: string; revenue: string; shopMonths: number; vat: TaxTotals; pit: TaxTotals }[];
  readonly obligations: { readonly vat: TaxTotals; readonly pit: TaxTotals };
  readonly sentToTaxOffice: { readonly revenue: string; readonly recordedAt: string } | null;
}

export interface TaxAnswer {
  readonly asOf: ReadPoint;
  readonly auditId: string;
  readonly operatorId: string;
  readonly years: readonly TaxYear[];
}
