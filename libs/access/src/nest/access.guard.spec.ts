import 'reflect-metadata';
import { Writable } from 'node:stream';
import { Controller, Get, Global, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { PG_POOL } from '@policy-ledger/ledger';
import { createLogger, LOGGER, Public } from '@policy-ledger/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../principal';
import { AccessModule } from './access.module';
import { AccessLogWriter } from './access-log-writer';
import { type Authentication, Authenticator } from './authenticator';
import { AuthorizedCluster } from './authorized-cluster.decorator';
import { CurrentPrincipal } from './current-principal.decorator';
import { RequirePermission } from './require-permission.decorator';

const LIMIT = 30;
const SECRET = 'plt_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

/** Routes that exist only in this test: one of each kind a developer might write. */
@Controller('throwaway')
class ThrowawayController {
  @Get('forgotten')
  forgotten(): string {
    return 'a route someone forgot to decorate';
  }

  @Public()
  @Get('public')
  open(): string {
    return 'public';
  }

  @Get('changes')
  @RequirePermission('read', 'Change')
  changes(@AuthorizedCluster() cluster: string, @CurrentPrincipal() principal: Principal): object {
    return { cluster, principal: principal.name };
  }

  @Get('tokens')
  @RequirePermission('manage', 'Token', { cluster: 'none' })
  tokens(): string {
    return 'tokens';
  }
}

const principals: Record<string, Principal> = {
  admin: {
    id: 'token:a',
    name: 'admin',
    role: 'admin',
    clusters: null,
    via: 'token',
    tokenId: 'a',
  },
  soc: { id: 'token:s', name: 'soc', role: 'soc', clusters: null, via: 'token', tokenId: 's' },
  'soc-prod': {
    id: 'token:p',
    name: 'soc-prod',
    role: 'soc',
    clusters: ['prod'],
    via: 'token',
    tokenId: 'p',
  },
  busy: { id: 'token:b', name: 'busy', role: 'soc', clusters: null, via: 'token', tokenId: 'b' },
};

const fakeAuthenticator = {
  async authenticate(header: string | undefined): Promise<Authentication> {
    if (!header)
      return { ok: false, status: 401, reason: 'an Authorization: Bearer token is required' };
    const principal = principals[header.replace(/^Bearer /, '')];
    return principal
      ? { ok: true, principal }
      : { ok: false, status: 401, reason: 'unknown API token', error: 'invalid_token' };
  },
};

describe('AccessGuard, in a Nest application with a throwaway controller', () => {
  const logLines: string[] = [];
  const tracked: string[] = [];
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const logger = createLogger({
      name: 'test',
      level: 'debug',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    });
    @Global()
    @Module({
      providers: [
        { provide: PG_POOL, useValue: {} },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [PG_POOL, LOGGER],
    })
    class FakeInfrastructure {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeInfrastructure,
        AccessModule.forRoot({ defaultCluster: 'prod', rateLimitPerMinute: LIMIT }),
      ],
      controllers: [ThrowawayController],
    })
      .overrideProvider(Authenticator)
      .useValue(fakeAuthenticator)
      .overrideProvider(AccessLogWriter)
      .useValue({
        track: (_request: unknown, _reply: unknown, p: Principal) => tracked.push(p.name),
      })
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  // Each case comes from its own address, so the per-address rate limit of one never affects another.
  let address = 0;
  const call = (url: string, principal?: string) =>
    app.inject({
      method: 'GET',
      url,
      remoteAddress: `10.0.0.${++address}`,
      headers: principal ? { authorization: `Bearer ${principal}` } : {},
    });

  it.each([
    ['a route with no permission decorator, for an admin', 403, '/throwaway/forgotten', 'admin'],
    [
      'a route with no permission decorator, without a token',
      401,
      '/throwaway/forgotten',
      undefined,
    ],
    ['a public route, without a token', 200, '/throwaway/public', undefined],
    ['a public route, with a bad token', 200, '/throwaway/public', 'nobody'],
    ['a permitted route, without a token', 401, '/throwaway/changes', undefined],
    ['a permitted route, with an unknown token', 401, '/throwaway/changes', 'nobody'],
    ['a permitted route, for the right role', 200, '/throwaway/changes', 'soc'],
    ['an admin route, for soc', 403, '/throwaway/tokens', 'soc'],
    ['an admin route, for an admin', 200, '/throwaway/tokens', 'admin'],
    [
      'another cluster, for a principal limited to prod',
      403,
      '/throwaway/changes?cluster=staging',
      'soc-prod',
    ],
    [
      'every cluster, for a principal limited to prod',
      403,
      '/throwaway/changes?cluster=*',
      'soc-prod',
    ],
    [
      'its own cluster, for a principal limited to prod',
      200,
      '/throwaway/changes?cluster=prod',
      'soc-prod',
    ],
    ['a cluster that is no cluster name', 400, '/throwaway/changes?cluster=PROD!', 'soc'],
  ])('answers %s with %i', async (_case, status, url, principal) => {
    expect((await call(url, principal)).statusCode).toBe(status);
  });

  it('refuses a route without a permission decorator, naming it', async () => {
    const response = await call('/throwaway/forgotten', 'admin');
    expect(response.json().message).toBe(
      'GET /throwaway/forgotten declares no permission, so it is refused to everyone',
    );
  });

  it('names the missing permission', async () => {
    expect((await call('/throwaway/tokens', 'soc')).json().message).toBe(
      'role soc may not manage Token',
    );
    expect((await call('/throwaway/changes?cluster=staging', 'soc-prod')).json().message).toBe(
      'role soc may not read Change in cluster staging (limited to clusters prod)',
    );
  });

  it('challenges callers without a valid token', async () => {
    expect((await call('/throwaway/changes')).headers['www-authenticate']).toBe(
      'Bearer realm="policy-ledger"',
    );
    expect((await call('/throwaway/changes', 'nobody')).headers['www-authenticate']).toBe(
      'Bearer realm="policy-ledger", error="invalid_token", error_description="unknown API token"',
    );
  });

  it('hands the handler the cluster it authorised, and the principal', async () => {
    expect((await call('/throwaway/changes', 'soc')).json()).toEqual({
      cluster: 'prod',
      principal: 'soc',
    });
    expect((await call('/throwaway/changes?cluster=staging', 'soc')).json()).toEqual({
      cluster: 'staging',
      principal: 'soc',
    });
  });

  it('tracks authenticated requests for the access log, refused ones included, and nothing else', async () => {
    tracked.length = 0;
    await call('/throwaway/tokens', 'soc');
    await call('/throwaway/changes', 'nobody');
    await call('/throwaway/public', 'admin');
    expect(tracked).toEqual(['soc']);
  });

  it('answers 429 once a principal used up its budget, across routes, wherever it calls from', async () => {
    const statuses: number[] = [];
    for (let n = 0; n <= LIMIT; n++)
      statuses.push(
        (await call(n % 2 === 0 ? '/throwaway/changes' : '/throwaway/tokens', 'busy')).statusCode,
      );
    expect(statuses.slice(0, 2)).toEqual([200, 403]);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.at(-1)).toBe(429);
  });

  it('answers 429 to an address that keeps guessing tokens', async () => {
    const statuses: number[] = [];
    for (let n = 0; n <= LIMIT; n++) {
      const response = await app.inject({
        method: 'GET',
        url: '/throwaway/changes',
        remoteAddress: '192.0.2.1',
        headers: { authorization: `Bearer guess${n}` },
      });
      statuses.push(response.statusCode);
    }
    expect(new Set(statuses.slice(0, LIMIT))).toEqual(new Set([401]));
    expect(statuses.at(-1)).toBe(429);
  });

  it('never writes a credential into its log lines', async () => {
    await call(`/throwaway/changes?access_token=${SECRET}`, SECRET);
    await call('/throwaway/changes', `${SECRET}x`);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(SECRET.slice(4));
  });
});
