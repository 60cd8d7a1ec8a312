import { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

type Observe = (seconds: number) => void;

/**
 * Times every request in Fastify's `onResponse` hook (the reply's own clock, no timer per request).
 * The route label is the matched pattern, so ids do not explode the series; the labelled child of
 * each (method, route, status) is kept, so a request costs one map lookup and one observation.
 */
export function observeRequests(fastify: FastifyInstance, metrics: Metrics): void {
  const series = new Map<string, Observe>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let observe = series.get(key);
    if (!observe) {
      const child = metrics.httpDuration.labels(request.method, route, String(reply.statusCode));
      observe = (seconds) => child.observe(seconds);
      series.set(key, observe);
    }
    observe(reply.elapsedTime / 1000);
    done();
  });
}
