export * from './obligations.module';
export * from './personal-fields';
export { OperatorOfShop, PerShopAttribution } from './attribution/operator-of-shop';
export { TaxRelayLifecycle, TAX_RELAY_CHECKPOINT } from './delivery/tax-relay.lifecycle';
export { TaxEventRelay } from './delivery/tax-event-relay';
export * from './tax-events/tax-cloud-event';
export { TaxEventLog } from './tax-events/tax-event-log';
