import { BadRequestException } from '@nestjs/common';
import { JsonTooDeepError, assertJsonDepth } from './json-depth';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `10mb` → 10485760 (units of 1024, as `REGISTRY_BODY_LIMIT` is documented). */
export function bodyLimitBytes(size: string): number {
  const match = /^(\d+)(b|kb|mb|gb)?$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${size}`);
  return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()];
}

/**
 * The one body parser (for `application/json`; any other type is refused with 415 before it is
 * read): the depth is checked on the raw bytes before parsing, and only an object or an array is
 * taken. Its errors name the body, so the error mapping answers them as problem details.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    assertJsonDepth(raw);
  } catch (error) {
    throw error instanceof JsonTooDeepError ? new BadRequestException(error.message) : error;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null) throw new BadRequestException('body: is not valid JSON (or not an object or array)');
  return value;
}

/**
 * The HTTP adapter's own refusals, raised before a route runs (Fastify's errors reach the error
 * mapping as HTTP exceptions carrying its own wording): nothing else in the registry answers these
 * statuses, so they are named by status.
 */
export const ADAPTER_REFUSALS: Readonly<Record<number, string>> = {
  413: 'body: is larger than the limit',
  415: 'content-type: must be application/json',
};
