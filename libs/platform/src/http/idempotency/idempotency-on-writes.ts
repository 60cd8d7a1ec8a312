import { INestApplication, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { READ_ROUTE } from './read-route.decorator';

/** The methods whose routes may take an Idempotency-Key (`@All` answers them too). */
const WRITE_ROUTES = new Set<RequestMethod>([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE, RequestMethod.ALL]);

/**
 * Puts the app's IdempotencyInterceptor on every write route that is not `@ReadRoute()`, and on no
 * other. As a global interceptor it ran on every GET too, where it does nothing, and any interceptor
 * costs a request Nest's rxjs round with two `AsyncResource.bind` (about 12% of the authenticated
 * no-op's CPU on Node 20). A route with no interceptor is called directly.
 *
 * Nest reads a route's interceptors when it builds the route (`app.init()`), so this runs between
 * `NestFactory.create` and the app's `init()`, with no other app of the process built in between
 * (handlers are shared by every app of the process: each app puts its own instance in their place).
 * Returns how many routes it bound.
 */
export function bindIdempotencyToWrites(app: INestApplication): number {
  const interceptor = app.get(IdempotencyInterceptor);
  const scanner = new MetadataScanner();
  const seen = new Set<unknown>();
  let bound = 0;
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const classIsRead = Reflect.getMetadata(READ_ROUTE, controller) === true;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || !WRITE_ROUTES.has(method)) continue;
        const isRead = (Reflect.getMetadata(READ_ROUTE, handler) as boolean | undefined) ?? classIsRead;
        if (isRead) continue;
        const others = ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []).filter(
          (other) => !(other instanceof IdempotencyInterceptor),
        );
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...others], handler);
        bound++;
      }
    }
  }
  return bound;
}
