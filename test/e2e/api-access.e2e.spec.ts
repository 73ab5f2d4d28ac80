import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool } from '@policy-ledger/ledger';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, type RunningApp, startApp } from '../support/app-process';
import { appPool } from '../support/database';
import { uniqueName } from '../support/kafka';
import { type CreatedToken, cli, createToken as createTokenWithCli } from '../support/operator-cli';

const pool = appPool();
const running = new Set<RunningApp>();
const servers = new Set<Server>();
/** Every credential this file handed out: none may ever appear in a log line. */
const secrets = new Set<string>();

afterAll(async () => {
  await Promise.all([...running].map((app) => app.stop()));
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

async function api(env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp('api', env);
  running.add(app);
  return app;
}

async function cliFailure(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await cli(...args);
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
  throw new Error(`policy-ledger ${args.join(' ')} succeeded`);
}

async function createToken(
  role: string,
  name: string,
  ...options: string[]
): Promise<CreatedToken> {
  const created = await createTokenWithCli(role, name, ...options);
  secrets.add(created.token);
  return created;
}

function get(app: RunningApp, path: string, token?: string): Promise<Response> {
  return fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function messageOf(response: Response): Promise<string> {
  const body = (await response.json()) as { message?: string; detail?: string };
  return body.detail ?? body.message ?? '';
}

interface Issuer {
  url: string;
  sign(
    claims: JWTPayload,
    options?: { audience?: string; expiresAt?: number; foreignKey?: boolean },
  ): Promise<string>;
}

/** A stand-in OIDC provider: discovery document, JWKS, and a key to sign tokens with. */
async function startIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  let url = '';
  const server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer: url, jwks_uri: `${url}/jwks` }
        : request.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? {}));
  });
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
        .setIssuer(url)
        .setAudience(options.audience ?? 'policy-ledger')
        .setIssuedAt(now - 600)
        .setExpirationTime(options.expiresAt ?? now + 300)
        .sign(options.foreignKey ? foreign.privateKey : privateKey);
      secrets.add(jwt);
      return jwt;
    },
  };
}

describe('API access control, against the built api and the real database', () => {
  const cluster = uniqueName('access');
  const otherCluster = uniqueName('elsewhere');
  let app: RunningApp;
  let issuer: Issuer;
  let admin: CreatedToken;
  let soc: CreatedToken;
  let auditor: CreatedToken;
  let limited: CreatedToken;

  beforeAll(async () => {
    issuer = await startIssuer();
    [admin, soc, auditor, limited] = await Promise.all([
      createToken('admin', uniqueName('admin')),
      createToken('soc', uniqueName('soc')),
      createToken('auditor', uniqueName('auditor'), '--expires-in', '2w'),
      createToken('soc', uniqueName('soc-elsewhere'), '--clusters', otherCluster),
    ]);
    app = await api({
      DEFAULT_CLUSTER: cluster,
      LOG_LEVEL: 'debug',
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'policy-ledger',
      OIDC_ROLE_MAP: 'netsec-auditors=auditor,soc-team=soc,platform-admins=admin',
      OIDC_CLUSTERS_CLAIM: 'clusters',
    });
  });

  describe('authentication', () => {
    it('leaves health, readiness and metrics open to callers without a token', async () => {
      for (const path of ['/healthz', '/readyz', '/metrics'])
        expect((await get(app, path)).status).toBe(200);
    });

    it.each([
      ['no Authorization header', undefined, 'Bearer realm="policy-ledger"'],
      ['a garbage token', 'garbage', 'error="invalid_token"'],
      [
        'an unknown API token',
        `plt_${randomBytes(32).toString('base64url')}`,
        'error_description="unknown API token"',
      ],
      ['a malformed API token', 'plt_short', 'error="invalid_token"'],
    ])('answers 401 with a Bearer challenge to %s', async (_case, token, challenge) => {
      const response = await get(app, '/v1/changes', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain(challenge);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="policy-ledger"/);
    });

    it('answers 401 to a scheme other than Bearer', async () => {
      const response = await fetch(`${app.url}/v1/changes`, {
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_request"');
    });
  });

  describe('authorisation by role', () => {
    it.each([
      ['soc reads history', () => soc, '/v1/changes', 200],
      ['an auditor reads history', () => auditor, '/v1/changes', 200],
      ['an admin lists tokens', () => admin, '/v1/tokens', 200],
      ['an admin reads the access log', () => admin, '/v1/access-log?limit=1', 200],
      ['soc may not list tokens', () => soc, '/v1/tokens', 403],
      ['an auditor may not read the access log', () => auditor, '/v1/access-log', 403],
      [
        'a token limited to another cluster may not read this one',
        () => limited,
        '/v1/changes',
        403,
      ],
      [
        'a token limited to another cluster reads its own',
        () => limited,
        `/v1/changes?cluster=${otherCluster}`,
        200,
      ],
      [
        'a token limited to another cluster may not ask for every cluster',
        () => limited,
        '/v1/changes?cluster=*',
        403,
      ],
    ])('%s', async (_case, token, path, status) => {
      expect((await get(app, path, token().token)).status).toBe(status);
    });

    it('names the missing permission in a 403', async () => {
      expect(await messageOf(await get(app, '/v1/tokens', soc.token))).toBe(
        'role soc may not manage Token',
      );
      expect(await messageOf(await get(app, '/v1/changes', limited.token))).toBe(
        `role soc may not read Change in cluster ${cluster} (limited to clusters ${otherCluster})`,
      );
    });
  });

  describe('API tokens through the cli', () => {
    it('lists tokens with their role, clusters, expiry and last use, never their secrets', async () => {
      const table = await cli('tokens', 'list');
      expect(table.split('\n')[0]).toMatch(
        /^ID\s+NAME\s+ROLE\s+CLUSTERS\s+CREATED\s+EXPIRES\s+LAST USED\s+REVOKED$/,
      );
      expect(table).toMatch(
        new RegExp(`${limited.id}\\s+${limited.name}\\s+soc\\s+${otherCluster}\\s`),
      );
      for (const secret of secrets) expect(table).not.toContain(secret);
      const listed = await eventually(
        async () => {
          const tokens = JSON.parse(await cli('tokens', 'list', '--json')) as Array<{
            id: string;
            lastUsedAt: string | null;
          }>;
          const used = tokens.find((t) => t.id === soc.id);
          return used?.lastUsedAt ? used : undefined;
        },
        { what: 'the soc token to show its last use' },
      );
      expect(Date.parse(listed.lastUsedAt!)).toBeGreaterThan(Date.now() - 120_000);
    });

    it('refuses a token once it is revoked by name', async () => {
      const doomed = await createToken('soc', uniqueName('doomed'));
      expect((await get(app, '/v1/changes', doomed.token)).status).toBe(200);
      expect(await cli('tokens', 'revoke', doomed.name)).toContain(
        `revoked API token ${doomed.id}`,
      );
      const response = await get(app, '/v1/changes', doomed.token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain(
        'error_description="the API token has been revoked"',
      );
      expect(await cli('tokens', 'revoke', doomed.id)).toContain('was already revoked');
    });

    it('refuses a token once it has expired', async () => {
      const brief = await createToken('soc', uniqueName('brief'), '--expires-in', '6s');
      expect((await get(app, '/v1/changes', brief.token)).status).toBe(200);
      const refused = await eventually(
        async () => {
          const response = await get(app, '/v1/changes', brief.token);
          return response.status === 401 ? response : undefined;
        },
        { what: 'the brief token to expire', timeoutMs: 15_000 },
      );
      expect(refused.headers.get('www-authenticate')).toContain(
        'error_description="the API token has expired"',
      );
    });

    it('exits with status 2 on a bad role, and on a token it cannot find', async () => {
      expect(await cliFailure('tokens', 'create', '--role', 'root', '--name', 'x')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--role'),
      });
      expect(await cliFailure('tokens', 'revoke', uniqueName('nobody'))).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('no API token with id or name'),
      });
    });
  });

  describe('API tokens over HTTP', () => {
    const send = (method: string, path: string, token: string, body?: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });

    it('lets an admin create, list and revoke a token; the token works until revoked', async () => {
      const name = uniqueName('http');
      const created = await send('POST', '/v1/tokens', admin.token, {
        name,
        role: 'auditor',
        clusters: [cluster],
        expiresIn: '1d',
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('cache-control')).toBe('no-store');
      const body = (await created.json()) as {
        id: string;
        token: string;
        role: string;
        clusters: string[];
        createdBy: string;
      };
      secrets.add(body.token);
      expect(body).toMatchObject({
        role: 'auditor',
        clusters: [cluster],
        createdBy: `token:${admin.id}`,
      });
      expect((await get(app, '/v1/changes', body.token)).status).toBe(200);

      const listed = (await (await get(app, '/v1/tokens', admin.token)).json()) as {
        items: Array<Record<string, unknown>>;
      };
      const item = listed.items.find((t) => t.id === body.id);
      expect(item).toMatchObject({ name, role: 'auditor', revokedAt: null });
      expect(Object.keys(item!)).not.toContain('token');
      expect(JSON.stringify(listed)).not.toMatch(/plt_/);

      expect((await send('DELETE', `/v1/tokens/${body.id}`, admin.token)).status).toBe(204);
      expect((await get(app, '/v1/changes', body.token)).status).toBe(401);
      expect((await send('DELETE', `/v1/tokens/${body.id}`, admin.token)).status).toBe(204);
    });

    it.each([
      ['an unknown role', { name: 'x', role: 'root' }],
      ['an unknown field', { name: 'x', role: 'soc', superuser: true }],
      ['a cluster that is not a cluster name', { name: 'x', role: 'soc', clusters: ['*'] }],
    ])('answers 400 to a body with %s', async (_case, body) => {
      expect((await send('POST', '/v1/tokens', admin.token, body)).status).toBe(400);
    });

    it('answers 404 to revoking a token that does not exist, and 403 to soc creating one', async () => {
      expect(
        (await send('DELETE', '/v1/tokens/5f0c2a5e-8d4b-4e8f-9a51-0c6f2d7e3b19', admin.token))
          .status,
      ).toBe(404);
      expect(
        (await send('POST', '/v1/tokens', soc.token, { name: 'x', role: 'admin' })).status,
      ).toBe(403);
    });
  });

  describe('OIDC bearer tokens', () => {
    it.each([
      ['soc-team member reads history', ['soc-team'], '/v1/changes', 200],
      ['platform admin lists tokens', ['everyone', 'platform-admins'], '/v1/tokens', 200],
      [
        'auditor and soc together still may not list tokens',
        ['netsec-auditors', 'soc-team'],
        '/v1/tokens',
        403,
      ],
      ['a user of no mapped group', ['everyone'], '/v1/changes', 403],
    ])('%s', async (_case, groups, path, status) => {
      const jwt = await issuer.sign({
        sub: uniqueName('user'),
        preferred_username: 'alice',
        groups,
      });
      expect((await get(app, path, jwt)).status).toBe(status);
    });

    it('limits a user to the clusters its token names', async () => {
      const jwt = await issuer.sign({
        sub: 'carol',
        groups: ['soc-team'],
        clusters: [otherCluster],
      });
      expect((await get(app, '/v1/changes', jwt)).status).toBe(403);
      expect((await get(app, `/v1/changes?cluster=${otherCluster}`, jwt)).status).toBe(200);
    });

    it.each([
      [
        'for another audience',
        { audience: 'some-other-app' },
        "the token's aud claim is not acceptable",
      ],
      ['that expired', { expiresAt: Math.floor(Date.now() / 1000) - 120 }, 'the token has expired'],
      [
        'signed with a key the issuer does not publish',
        { foreignKey: true },
        "the token's signature does not verify",
      ],
    ])('answers 401 to a token %s', async (_case, options, description) => {
      const jwt = await issuer.sign({ sub: 'mallory', groups: ['platform-admins'] }, options);
      const response = await get(app, '/v1/changes', jwt);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain(
        `error_description="${description}"`,
      );
    });
  });

  describe('the access log', () => {
    interface Row {
      principal_id: string;
      principal_name: string;
      role: string;
      via: string;
      method: string;
      route: string | null;
      path: string;
      query: string | null;
      status: number;
      duration_ms: number;
      client_ip: string | null;
      user_agent: string | null;
    }
    const rowsOf = async (principalName: string) =>
      (
        await pool.query<Row>(
          `select principal_id, principal_name, role, via, method, route, path, query, status, duration_ms,
                  host(client_ip) as client_ip, user_agent
             from ledger.access_log where principal_name = $1 order by at, id`,
          [principalName],
        )
      ).rows;

    it('records authenticated requests, answered 200, 400 or 403, with principal, route and status', async () => {
      const reader = await createToken('soc', uniqueName('logged'));
      await get(app, '/v1/changes', reader.token);
      await get(app, '/v1/changes?cluster=NOT_A_CLUSTER', reader.token);
      await get(app, '/v1/tokens', reader.token);
      await get(app, `/v1/changes?cluster=${cluster}&access_token=${reader.token}`, reader.token);
      const rows = await eventually(
        async () => {
          const found = await rowsOf(reader.name);
          return found.length >= 4 ? found : undefined;
        },
        { what: 'four access log rows' },
      );
      expect(rows.map((r) => [r.method, r.route, r.status])).toEqual([
        ['GET', '/v1/changes', 200],
        ['GET', '/v1/changes', 400],
        ['GET', '/v1/tokens', 403],
        // access_token is no parameter of /v1/changes: refused, yet logged with the token masked.
        ['GET', '/v1/changes', 400],
      ]);
      expect(rows[0]).toMatchObject({
        principal_id: `token:${reader.id}`,
        role: 'soc',
        via: 'token',
        path: '/v1/changes',
        query: null,
        client_ip: '127.0.0.1',
        user_agent: expect.any(String),
      });
      expect(rows[0]!.duration_ms).toBeGreaterThanOrEqual(0);
      expect(rows[0]!.duration_ms).toBeLessThan(10_000);
      expect(rows[3]!.query).toBe(`cluster=${cluster}&access_token=*****`);
    });

    it('records OIDC principals, and no request that did not authenticate', async () => {
      const sub = uniqueName('oidc-user');
      const jwt = await issuer.sign({ sub, preferred_username: sub, groups: ['netsec-auditors'] });
      await get(app, '/v1/changes', jwt);
      const rows = await eventually(
        async () => {
          const found = await rowsOf(sub);
          return found.length > 0 ? found : undefined;
        },
        { what: 'the OIDC request in the access log' },
      );
      expect(rows).toEqual([
        expect.objectContaining({
          principal_id: `oidc:${sub}`,
          role: 'auditor',
          via: 'oidc',
          status: 200,
        }),
      ]);
      const anonymous = await pool.query('select 1 from ledger.access_log where path = $1', [
        '/healthz',
      ]);
      expect(anonymous.rowCount).toBe(0);
    });

    it('pages through the log for admins, newest first, with an opaque cursor', async () => {
      const first = (await (
        await get(app, `/v1/access-log?principal=${soc.name}&limit=2`, admin.token)
      ).json()) as {
        items: Array<{ id: string; at: string; principalName: string }>;
        nextCursor: string | null;
      };
      expect(first.items).toHaveLength(2);
      expect(first.items.every((i) => i.principalName === soc.name)).toBe(true);
      expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      const second = (await (
        await get(
          app,
          `/v1/access-log?principal=${soc.name}&limit=2&cursor=${first.nextCursor}`,
          admin.token,
        )
      ).json()) as { items: Array<{ id: string; at: string }> };
      expect(second.items.length).toBeGreaterThan(0);
      expect(second.items[0]!.at <= first.items[1]!.at).toBe(true);
      expect(second.items.map((i) => i.id)).not.toContain(first.items[1]!.id);
      expect((await get(app, '/v1/access-log?cursor=forged', admin.token)).status).toBe(400);
    });

    it('cannot be rewritten, by the app role or by the schema owner', async () => {
      await expect(pool.query('update ledger.access_log set status = 200')).rejects.toThrow(
        /permission denied/,
      );
      await expect(pool.query('delete from ledger.access_log')).rejects.toThrow(
        /permission denied/,
      );
      const owner = createPool(inject('stack').DATABASE_ADMIN_URL, { max: 1 });
      try {
        await expect(owner.query('update ledger.access_log set status = 200')).rejects.toThrow(
          /append-only/,
        );
        await expect(owner.query('truncate ledger.access_log')).rejects.toThrow(/append-only/);
      } finally {
        await owner.end();
      }
    });

    it('lets the app role neither change what a token is nor un-revoke one', async () => {
      await expect(
        pool.query(`update ledger.api_tokens set role = 'admin' where id = $1`, [soc.id]),
      ).rejects.toThrow(/permission denied/);
      const owner = createPool(inject('stack').DATABASE_ADMIN_URL, { max: 1 });
      try {
        await expect(
          owner.query(`update ledger.api_tokens set role = 'admin' where id = $1`, [soc.id]),
        ).rejects.toThrow(/only last use and revocation may change/);
      } finally {
        await owner.end();
      }
    });
  });

  describe('rate limiting', () => {
    it('answers 429 past RATE_LIMIT_PER_MINUTE, per principal and per address, never on probes', async () => {
      const limitedApi = await api({ DEFAULT_CLUSTER: cluster, RATE_LIMIT_PER_MINUTE: '3' });
      const statuses: number[] = [];
      for (let n = 0; n < 4; n++)
        statuses.push((await get(limitedApi, '/v1/changes', soc.token)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const throttled = await get(limitedApi, '/v1/changes', soc.token);
      expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
      // Another principal has a budget of its own.
      expect((await get(limitedApi, '/v1/changes', auditor.token)).status).toBe(200);
      const anonymous: number[] = [];
      for (let n = 0; n < 4; n++)
        anonymous.push((await get(limitedApi, '/v1/changes', `guess-${n}`)).status);
      expect(anonymous).toEqual([401, 401, 401, 429]);
      for (let n = 0; n < 5; n++) expect((await get(limitedApi, '/healthz')).status).toBe(200);
    });

    it('writes the access log of the last requests before the api stops', async () => {
      const last = await createToken('auditor', uniqueName('last-words'));
      const quick = await api({ DEFAULT_CLUSTER: cluster });
      expect((await get(quick, '/v1/changes', last.token)).status).toBe(200);
      await quick.stop();
      running.delete(quick);
      const rows = await pool.query(
        'select status from ledger.access_log where principal_name = $1',
        [last.name],
      );
      expect(rows.rows).toEqual([{ status: 200 }]);
    });
  });

  it('never wrote a token or a JWT into a log line', async () => {
    const logs = [...running].flatMap((a) => a.logs.map((line) => JSON.stringify(line))).join('\n');
    expect(logs).toContain('request refused');
    for (const secret of secrets) expect(logs).not.toContain(secret.slice(8));
  });
});
