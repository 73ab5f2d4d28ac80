import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Authenticator } from '@policy-ledger/access';
import type { FastifyInstance } from 'fastify';
import { problem } from '../problem-details';

const DOC_ROUTES = ['/docs', '/openapi.json', '/openapi.yaml'];

/**
 * The OpenAPI document at /openapi.json and a browsable UI at /docs, generated from the
 * controllers and their zod schemas (through Standard Schema), for authenticated callers only.
 */
export function serveOpenApi(app: INestApplication, version: string): void {
  requireCredentialsForDocs(app);
  const config = new DocumentBuilder()
    .setTitle('Policy Ledger API')
    .setDescription(
      'Who changed which Calico network policy, when, and who is able to. Every route but /healthz, /readyz and /metrics needs `Authorization: Bearer <token>` (an API token from `policy-ledger tokens create`, or an OIDC token). Errors are RFC 9457 problem documents. Lists are keyset-paginated: pass `nextCursor` back as `cursor`.',
    )
    .setVersion(version)
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

/**
 * The docs are mounted straight on Fastify, past Nest's guards: this hook asks them for the same
 * credentials. A browser cannot send a bearer header when it navigates, so the docs also take
 * Basic authentication with the token as the password, and their 401 invites the browser to ask.
 */
function requireCredentialsForDocs(app: INestApplication): void {
  const authenticator = app.get(Authenticator);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    if (!DOC_ROUTES.some((route) => path === route || path.startsWith(`${route}/`))) return;
    const authentication = await authenticator.authenticate(
      bearerOf(request.headers.authorization),
    );
    if (authentication.ok) return;
    await reply
      .code(authentication.status)
      .header('www-authenticate', 'Basic realm="Policy Ledger API docs", charset="UTF-8"')
      .type('application/problem+json')
      .send(problem(authentication.status, authentication.reason, { instance: path }));
  });
}

/** `Basic base64(anything:token)` as `Bearer token`; any other header as it is. */
function bearerOf(header: string | undefined): string | undefined {
  const basic = header && /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (!basic) return header;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? header : `Bearer ${decoded.slice(colon + 1)}`;
}
