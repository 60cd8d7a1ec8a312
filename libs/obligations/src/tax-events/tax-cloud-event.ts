import { StoredEvent } from '@registry/event-store';
import { CloudEvent, Kafka } from 'cloudevents';
import { TAX_OFFICE_EVENT_TYPES, TaxOfficeEvent, TaxOfficeEventType } from '../domain';

/** CloudEvents 1.0 in structured mode: the whole event, attributes and data, is one JSON document. */
export interface TaxCloudEvent {
  readonly specversion: '1.0';
  /** The event store's event id: stable across redeliveries, so a consumer drops duplicates by it. */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  /** CloudEvents partitioning extension: the Kafka key, the seller the event is attributed to. */
  readonly partitionkey: string;
  /** CloudEvents sequence extension: the event store position, zero-padded so that it sorts as text. */
  readonly sequence: string;
  readonly data: Record<string, unknown>;
}

export const TAX_EVENT_SOURCE = '/seller-registry/tax-obligations';
/** Where the registry serves the JSON Schemas, under its public URL; also their `$id`. */
export const TAX_SCHEMA_PATH = '/schemas/tax';

/** A family of events per topic; the version is in the name, so a breaking change is a new topic. */
export const TAX_TOPICS = {
  sellers: 'tax.sellers.v1',
  obligations: 'tax.obligations.v1',
  annualRevenue: 'tax.annual-revenue.v1',
  operatorRevenue: 'tax.operator-revenue.v1',
} as const;

const DESCRIPTORS: Readonly<Record<TaxOfficeEventType, { type: string; schema: string; topic: string }>> = {
  SellerIdentified: { type: 'vn.seller-registry.tax.seller-identified.v1', schema: 'seller-identified.v1', topic: TAX_TOPICS.sellers },
  ObligationAssessed: { type: 'vn.seller-registry.tax.obligation-assessed.v1', schema: 'obligation-assessed.v1', topic: TAX_TOPICS.obligations },
  WithholdingShortfallDetected: {
    type: 'vn.seller-registry.tax.withholding-shortfall-detected.v1',
    schema: 'withholding-shortfall-detected.v1',
    topic: TAX_TOPICS.obligations,
  },
  UnidentifiedSellerRevenue: {
    type: 'vn.seller-registry.tax.unidentified-seller-revenue.v1',
    schema: 'unidentified-seller-revenue.v1',
    topic: TAX_TOPICS.obligations,
  },
  AnnualRevenueAttributed: {
    type: 'vn.seller-registry.tax.annual-revenue-attributed.v1',
    schema: 'annual-revenue-attributed.v1',
    topic: TAX_TOPICS.annualRevenue,
  },
  OperatorRevenueAttributed: {
    type: 'vn.seller-registry.tax.operator-revenue-attributed.v1',
    schema: 'operator-revenue-attributed.v1',
    topic: TAX_TOPICS.operatorRevenue,
  },
};

/** `publicUrl` is the registry's own address, so a consumer can fetch the schema a `dataschema` names. */
export const schemaUri = (publicUrl: string, name: string) => `${publicUrl}${TAX_SCHEMA_PATH}/${name}.json`;

export const isTaxOfficeEvent = (event: StoredEvent): event is StoredEvent & TaxOfficeEvent =>
  (TAX_OFFICE_EVENT_TYPES as readonly string[]).includes(event.type);

/** Which topic (without the deployment's prefix) an event goes to. */
export const topicOf = (event: StoredEvent & TaxOfficeEvent): string => DESCRIPTORS[event.type].topic;

/** The seller (attribution) or operator an event is about: the Kafka key, so each one's events stay in one partition, in order. */
export const keyOf = (event: StoredEvent & TaxOfficeEvent): string =>
  event.type === 'OperatorRevenueAttributed' ? event.data.operatorId : event.data.attributionKey;

/** Built by the CloudEvents SDK, which checks the attributes (and their formats) as it builds. */
export function toTaxCloudEvent(event: StoredEvent & TaxOfficeEvent, publicUrl: string): CloudEvent<Record<string, unknown>> {
  const descriptor = DESCRIPTORS[event.type];
  return new CloudEvent<Record<string, unknown>>({
    specversion: '1.0',
    id: event.id,
    source: TAX_EVENT_SOURCE,
    type: descriptor.type,
    subject: subjectOf(event),
    time: event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: schemaUri(publicUrl, descriptor.schema),
    partitionkey: keyOf(event),
    sequence: String(event.position).padStart(20, '0'),
    data: event.data as unknown as Record<string, unknown>,
  });
}

/** The document the HTTP feed serves: the same JSON as the Kafka message's value. */
export const toTaxFeedItem = (event: StoredEvent & TaxOfficeEvent, publicUrl: string) => toTaxCloudEvent(event, publicUrl).toJSON() as unknown as TaxCloudEvent;

/**
 * Structured mode (the SDK's Kafka binding): the value is the whole event as JSON, with
 * `content-type: application/cloudevents+json; charset=utf-8`, and the key is the `partitionkey`.
 */
export function toTaxKafkaMessage(event: StoredEvent & TaxOfficeEvent, publicUrl: string, topicPrefix: string) {
  const message = Kafka.structured(toTaxCloudEvent(event, publicUrl));
  return {
    topic: `${topicPrefix}${topicOf(event)}`,
    key: String(message.key),
    value: String(message.value),
    headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, String(value)])),
  };
}

function subjectOf(event: StoredEvent & TaxOfficeEvent): string {
  if (event.type === 'SellerIdentified') return `sellers/${event.data.attributionKey}`;
  if (event.type === 'AnnualRevenueAttributed') return `sellers/${event.data.attributionKey}/${event.data.year}`;
  if (event.type === 'OperatorRevenueAttributed') return `operators/${event.data.operatorId}/${event.data.year}`;
  const { platformId, shopId, month } = event.data;
  const base = `shops/${platformId}/${shopId}/${month}`;
  return event.type === 'UnidentifiedSellerRevenue' ? base : `${base}/${event.data.category}`;
}
