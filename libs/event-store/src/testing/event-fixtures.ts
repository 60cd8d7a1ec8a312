import { randomUUID } from 'node:crypto';
import { NewEvent } from '../envelope';

export function anEvent(type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: { correlationId: randomUUID(), causationId: null, principal: 'test:contract' },
  };
}

export function events(count: number, type?: string): NewEvent[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { n: i }));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
