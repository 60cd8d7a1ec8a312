import { IncomingHttpHeaders } from 'node:http';

/**
 * What routes, guards and interceptors read of a request, whatever the HTTP adapter under Nest
 * (Fastify's request today): controllers name this type, never the adapter's.
 */
export interface HttpRequest {
  /** The request id, sent back as X-Request-Id and logged on the access line. */
  readonly id: string;
  readonly method: string;
  /** The path and query as the client sent them. */
  readonly originalUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly body?: unknown;
  /** The matched route pattern (`/platform/shops/:shopId`); absent when no route matched. */
  readonly routeOptions?: { readonly url?: string };
}

/** What routes and interceptors do to a response, whatever the HTTP adapter (Fastify's reply today). */
export interface HttpResponse {
  readonly statusCode: number;
  status(code: number): HttpResponse;
  header(name: string, value: string): HttpResponse;
  getHeader(name: string): string | number | string[] | undefined;
  type(contentType: string): HttpResponse;
}
