import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry, register } from 'prom-client';

/**
 * `policy_ledger_http_request_duration_seconds` by method, route template and status, for every
 * response — those a guard refused included, which an interceptor would miss. Routes are
 * templates (`/v1/objects/:resource/:name`), unmatched paths one label, so cardinality stays fixed.
 */
export function recordHttpMetrics(fastify: FastifyInstance, registry: Registry = register): void {
  const duration = new Histogram({
    name: 'policy_ledger_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
