import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document at /openapi.json and a browsable UI at /docs, generated from the
 * controllers and their zod schemas (through Standard Schema). Documentation only: it reveals
 * no data, so it is served without authentication, like health and metrics.
 */
export function serveOpenApi(app: INestApplication, version: string): void {
  const config = new DocumentBuilder()
    .setTitle('Policy Ledger API')
    .setDescription(
      'Who changed which Calico network policy, when, and who is able to. Every route but /healthz, /readyz, /metrics and these docs needs `Authorization: Bearer <token>` (an API token from `policy-ledger tokens create`, or an OIDC token). Errors are RFC 9457 problem documents. Lists are keyset-paginated: pass `nextCursor` back as `cursor`.',
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
