// What a tax office's consumer needs (topics, event documents, the broker), without the registry's Nest module.
export * from './tax-events/tax-cloud-event';
export * from './delivery/message-broker';
export { KafkaJsBroker } from './delivery/kafkajs/kafkajs-broker';
