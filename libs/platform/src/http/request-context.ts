import { BadRequestException } from '@nestjs/common';
import { CommandContext, EventMetadata } from '@registry/event-store';
import { randomUUID } from 'node:crypto';
import { Principal } from '../auth/principal';
import { IdempotentRequest } from './idempotency/idempotency.interceptor';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Provenance of the events a request causes: who, under which correlation id. */
export function requestMetadata(request: IdempotentRequest, principal: Principal): EventMetadata {
  const given = request.headers['x-correlation-id'];
  if (given !== undefined && (typeof given !== 'string' || !CORRELATION_ID.test(given))) {
    throw new BadRequestException('x-correlation-id: must be 1 to 100 letters, digits or . _ : -');
  }
  return { correlationId: (given as string | undefined) ?? randomUUID(), causationId: null, principal: principal.id };
}

/** `If-Match: "7"` → 7: the version the client read. */
export function ifMatchVersion(request: IdempotentRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim()) : null;
  if (!match) throw new BadRequestException('if-match: must be an ETag this API gave out, like "3"');
  return Number(match[1]);
}

export const etagOf = (version: number) => `"${version}"`;

/** Everything a command handler needs from the HTTP request, and nothing of HTTP. */
export function commandContext(request: IdempotentRequest, principal: Principal): CommandContext {
  return { metadata: requestMetadata(request, principal), expectedVersion: ifMatchVersion(request), idSeed: request.idSeed };
}
