import { DomainEvent } from '@registry/shared-kernel';
import { TaxId } from './seller-identity';
import { TaxCategory } from './tax-category';

/** Amounts in events are whole đồng as decimal strings (see money.ts). */
export type DongString = string;

export interface SalesLineData {
  readonly category: TaxCategory;
  readonly grossRevenue: DongString;
  readonly cancellationsAndReturns: DongString;
  readonly vatWithheld: DongString;
  readonly pitWithheld: DongString;
}

/** The platform's monthly report for one shop. A later one for the same month supersedes it (DAC7-style correction). */
export type SalesReported = DomainEvent<
  'SalesReported',
  {
    readonly reportId: string;
    readonly platformId: string;
    readonly shopId: string;
    readonly month: string;
    readonly sellerResident: boolean;
    readonly lines: readonly SalesLineData[];
    /** The report this one corrects, or null for the first report of the month. */
    readonly supersedes: string | null;
  }
>;

export interface TaxLineData {
  readonly ratePercent: string;
  readonly due: DongString;
  readonly withheld: DongString;
  readonly shortfall: DongString;
}

/**
 * Where a shop's revenue is attributed: the seller behind it (by tax id, later by operator) or the
 * shop alone. Who the key stands for is said once, by SellerIdentified, not in every obligation.
 */
export interface Attribution {
  readonly attributionKey: string;
  readonly identified: boolean;
}

/**
 * The tax id an attribution key stands for, said when the key is first used and again when it
 * changes. Personal data (an individual's tax id is their national ID): stored encrypted, and
 * sent once per seller rather than in every obligation (data minimisation).
 */
export type SellerIdentified = DomainEvent<'SellerIdentified', { readonly attributionKey: string; readonly seller: TaxId }>;

/** What one category of one report comes to under the rule in force; a correction assesses again. */
export type ObligationAssessed = DomainEvent<
  'ObligationAssessed',
  Attribution & {
    readonly reportId: string;
    readonly supersedes: string | null;
    readonly platformId: string;
    readonly shopId: string;
    readonly month: string;
    readonly category: TaxCategory;
    readonly sellerResident: boolean;
    /** True when a correction no longer reports a category the superseded report had: everything is 0. */
    readonly withdrawn: boolean;
    readonly grossRevenue: DongString;
    readonly cancellationsAndReturns: DongString;
    readonly base: DongString;
    readonly vat: TaxLineData;
    readonly pit: TaxLineData;
    readonly ruleVersion: string;
    readonly dueDate: string;
  }
>;

/** The platform withheld less than the rule asks for one category of one month. */
export type WithholdingShortfallDetected = DomainEvent<
  'WithholdingShortfallDetected',
  Attribution & {
    readonly reportId: string;
    readonly platformId: string;
    readonly shopId: string;
    readonly month: string;
    readonly category: TaxCategory;
    readonly vatShortfall: DongString;
    readonly pitShortfall: DongString;
    readonly ruleVersion: string;
    readonly dueDate: string;
  }
>;

/** Revenue reported for a shop with no verified identity or tax code behind it. */
export type UnidentifiedSellerRevenue = DomainEvent<
  'UnidentifiedSellerRevenue',
  {
    readonly reportId: string;
    readonly platformId: string;
    readonly shopId: string;
    readonly month: string;
    readonly attributionKey: string;
    readonly revenue: DongString;
    readonly reason: string;
  }
>;

export type SalesEvent = SalesReported | ObligationAssessed | WithholdingShortfallDetected | UnidentifiedSellerRevenue;

/** A seller's revenue in one calendar year across every shop and platform attributed to it: one figure. */
export type AnnualRevenueAttributed = DomainEvent<
  'AnnualRevenueAttributed',
  {
    readonly attributionKey: string;
    readonly year: number;
    /** Net revenue (the sum of the assessed bases) of every shop-month attributed, after this change. */
    readonly revenue: DongString;
    readonly shopMonths: number;
    readonly shops: number;
    readonly platforms: number;
    /** The shop-month whose figure moved, and why. */
    readonly change: {
      readonly platformId: string;
      readonly shopId: string;
      readonly month: string;
      readonly reportId: string;
      /** Null when the shop-month left this attribution (its seller is now attributed elsewhere). */
      readonly revenue: DongString | null;
      readonly previousRevenue: DongString | null;
    };
  }
>;

/**
 * The real operator's revenue in one calendar year: every shop of an operator cluster (libs/resolution),
 * on every platform, whoever is declared behind each, as one figure. Sent again whenever the figure or
 * the shops in it change: a new report, a correction, or the cluster regrouping (a merge, a split);
 * an operator whose shops all went elsewhere gets a last figure of zero.
 */
export type OperatorRevenueAttributed = DomainEvent<
  'OperatorRevenueAttributed',
  {
    /** The operator cluster's stable id (named after its first-seen shop: no personal data). */
    readonly operatorId: string;
    readonly year: number;
    readonly revenue: DongString;
    readonly previousRevenue: DongString | null;
    readonly shops: number;
    readonly platforms: number;
    readonly shopMonths: number;
    /** The sellers (attribution keys of AnnualRevenueAttributed and SellerIdentified) whose revenue the figure holds. */
    readonly sellers: readonly { readonly attributionKey: string; readonly revenue: DongString }[];
    readonly members: readonly { readonly platformId: string; readonly shopId: string; readonly revenue: DongString }[];
    /** The identity-graph position the grouping reflects. */
    readonly graphPosition: number;
  }
>;

/** The events the tax office receives (Kafka or the HTTP feed). */
export const TAX_OFFICE_EVENT_TYPES = [
  'SellerIdentified',
  'ObligationAssessed',
  'WithholdingShortfallDetected',
  'UnidentifiedSellerRevenue',
  'AnnualRevenueAttributed',
  'OperatorRevenueAttributed',
] as const;
export type TaxOfficeEventType = (typeof TAX_OFFICE_EVENT_TYPES)[number];
export type TaxOfficeEvent = Extract<SalesEvent | AnnualRevenueAttributed | SellerIdentified | OperatorRevenueAttributed, { type: TaxOfficeEventType }>;

/** One stream per shop and month: the reports and their assessments, corrections appended. */
export const salesStream = (platformId: string, shopId: string, month: string) => `sales-${platformId}:${shopId}:${month}`;

/**
 * One stream per attribution and year. Attribution keys are pseudonyms (see the attribution
 * seam), so no personal data ends up in a stream name.
 */
export const annualRevenueStream = (attributionKey: string, year: number) => `tax-revenue-${year}:${attributionKey}`;

/** One stream per attribution key: whom it stands for. */
export const sellerStream = (attributionKey: string) => `tax-seller-${attributionKey}`;

/** One stream per operator cluster and year. */
export const operatorRevenueStream = (operatorId: string, year: number) => `tax-operator-revenue-${year}:${operatorId}`;
