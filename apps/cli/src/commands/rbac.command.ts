import { readFileSync } from 'node:fs';
import { toMicroTime } from '@policy-ledger/audit';
import { createPool } from '@policy-ledger/ledger';
import {
  buildRbacSnapshot,
  type CanIQuery,
  createRbacEngine,
  InvalidQueryError,
  type PolicyQuery,
  parseRbacDocuments,
  type RbacEngine,
  type RbacMode,
  rbacEngineAt,
  renderCanI,
  renderTierEditors,
  renderWhoCan,
} from '@policy-ledger/rbac';
import type { Command } from 'commander';
import { requireDatabaseUrl } from '../cli-environment';
import { UsageError } from '../usage-error';

/** Where the commands read files and write lines; tests pass their own. */
export interface RbacCliIo {
  readFile(path: string): string;
  print(line: string): void;
}

export interface RbacSourceOptions {
  rbac?: string;
  memberships?: string;
  cluster?: string;
  at?: string;
  mode?: string;
  json?: boolean;
}

export interface QueryOptions extends RbacSourceOptions {
  verb: string;
  resource: string;
  tier?: string;
  namespace?: string;
  name?: string;
  newTier?: string;
}

export interface CanIOptions extends QueryOptions {
  user: string;
  group?: string[];
}

export interface TierEditorsOptions extends RbacSourceOptions {
  tier: string;
}

const MODES: readonly RbacMode[] = ['apiserver', 'webhook'];
const FLAGS: Record<string, string> = {
  verb: '--verb',
  resource: '--resource',
  tier: '--tier',
  newTier: '--new-tier',
  namespace: '--namespace',
  name: '--name',
};

const nodeIo: RbacCliIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  print: (line) => console.log(line),
};

/**
 * The engine to ask: from the ledger's state of a cluster (now or at a moment), or from exported
 * RBAC files (and observed memberships). Any problem with the options or files is a usage error.
 */
export async function loadRbacEngine(
  options: RbacSourceOptions,
  io: RbacCliIo,
): Promise<RbacEngine> {
  const mode = options.mode ?? 'apiserver';
  if (!(MODES as readonly string[]).includes(mode))
    throw new UsageError(`--mode "${mode}" must be apiserver or webhook`);
  if ((options.rbac === undefined) === (options.cluster === undefined))
    throw new UsageError(
      'give --cluster <name> (the ledger, now or --at) or --rbac <file> (exported objects)',
    );
  if (options.cluster !== undefined) {
    if (options.memberships !== undefined)
      throw new UsageError('--memberships goes with --rbac: the ledger has its own');
    return engineFromLedger(options.cluster, options.at, mode as RbacMode);
  }
  if (options.at !== undefined) throw new UsageError('--at goes with --cluster');
  const objects = parseFile(options.rbac!, '--rbac', io);
  const memberships = options.memberships
    ? parseFile(options.memberships, '--memberships', io)
    : [];
  const snapshot = buildRbacSnapshot({ objects, memberships });
  if (snapshot.problems.length > 0)
    throw new UsageError(
      `${snapshot.problems.length} invalid object(s) in ${[options.rbac, options.memberships].filter(Boolean).join(' / ')}:\n  ${snapshot.problems.join('\n  ')}`,
    );
  return createRbacEngine(snapshot, { mode: mode as RbacMode });
}

async function engineFromLedger(
  cluster: string,
  at: string | undefined,
  mode: RbacMode,
): Promise<RbacEngine> {
  const moment = at === undefined ? undefined : toMicroTime(at);
  if (at !== undefined && !moment)
    throw new UsageError(`--at "${at}" is not an RFC 3339 time (e.g. 2026-03-01T00:00:00Z)`);
  const pool = createPool(requireDatabaseUrl(), { max: 2 });
  try {
    return await rbacEngineAt(pool, cluster, { mode, ...(moment ? { at: moment } : {}) });
  } finally {
    await pool.end();
  }
}

function parseFile(path: string, flag: string, io: RbacCliIo): unknown[] {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot read the file (${(error as Error).message})`);
  }
  try {
    return parseRbacDocuments(text);
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${(error as Error).message}`);
  }
}

/** Turns the engine's query errors into usage errors that name the flag. */
function asked<T>(ask: () => T): T {
  try {
    return ask();
  } catch (error) {
    if (error instanceof InvalidQueryError)
      throw new UsageError(
        `${FLAGS[error.field] ?? error.field}: ${error.message.slice(error.field.length + 2)}`,
      );
    throw error;
  }
}

function policyQuery(options: QueryOptions): PolicyQuery {
  const query: PolicyQuery = { verb: options.verb, resource: options.resource };
  if (options.tier !== undefined) query.tier = options.tier;
  if (options.namespace !== undefined) query.namespace = options.namespace;
  if (options.name !== undefined) query.name = options.name;
  if (options.newTier !== undefined) query.newTier = options.newTier;
  return query;
}

function warningsOf(engine: RbacEngine): string[] {
  return engine.warnings.map((warning) => `warning: ${warning}`);
}

export async function canICommand(options: CanIOptions, io: RbacCliIo = nodeIo): Promise<void> {
  if (options.user.trim() === '') throw new UsageError('--user must not be empty');
  const engine = await loadRbacEngine(options, io);
  const query: CanIQuery = {
    ...policyQuery(options),
    user: options.user,
    groups: options.group ?? [],
  };
  const answer = asked(() => engine.canI(query));
  if (options.json) io.print(JSON.stringify(answer, null, 2));
  else
    for (const line of [...renderCanI(answer, engine.mode), ...warningsOf(engine)]) io.print(line);
}

export async function whoCanCommand(options: QueryOptions, io: RbacCliIo = nodeIo): Promise<void> {
  const engine = await loadRbacEngine(options, io);
  const answer = asked(() => engine.whoCan(policyQuery(options)));
  if (options.json) io.print(JSON.stringify(answer, null, 2));
  else
    for (const line of [...renderWhoCan(answer, engine.mode), ...warningsOf(engine)])
      io.print(line);
}

export async function tierEditorsCommand(
  options: TierEditorsOptions,
  io: RbacCliIo = nodeIo,
): Promise<void> {
  const engine = await loadRbacEngine(options, io);
  const answer = asked(() => engine.tierEditors(options.tier));
  if (options.json) io.print(JSON.stringify(answer, null, 2));
  else for (const line of renderTierEditors(answer, engine.mode)) io.print(line);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function withSource(command: Command): Command {
  return command
    .option('--cluster <name>', "ask the ledger's state of this cluster (needs DATABASE_URL)")
    .option('--at <time>', 'with --cluster: as of this moment (RFC 3339) instead of now')
    .option(
      '--rbac <file>',
      'or ask exported objects: Roles, ClusterRoles, (Cluster)RoleBindings and Tiers as a kubectl List, a JSON array or multi-document YAML',
    )
    .option(
      '--memberships <file>',
      'observed group memberships ({username, group, firstSeen, lastSeen}), e.g. from audit events',
    )
    .option(
      '--mode <mode>',
      'apiserver (Calico API server, default) or webhook (v3.32+ native CRDs)',
      'apiserver',
    )
    .option('--json', 'print the answer as JSON');
}

function withQuery(command: Command): Command {
  return withSource(command)
    .requiredOption(
      '--verb <verb>',
      'get, list, watch, create, update, patch, delete, deletecollection, …',
    )
    .requiredOption(
      '--resource <resource>',
      'kubectl form: networkpolicies.projectcalico.org, tiers.projectcalico.org, pods, …',
    )
    .option(
      '--tier <tier>',
      'the policy tier (default "default"; omit with list/watch for every permitted tier)',
    )
    .option('--namespace <namespace>', 'the namespace of a namespaced policy')
    .option('--name <name>', 'the policy name, exactly as addressed (t1.p1 and p1 differ)')
    .option('--new-tier <tier>', 'for update/patch: the tier the policy moves to');
}

export function registerRbacCommands(program: Command): void {
  const rbac = program
    .command('rbac')
    .description(
      "RBAC questions, Kubernetes RBAC plus Calico tier checks: on the ledger's state of a cluster (now or at a moment) or on exported objects",
    );

  withQuery(rbac.command('can-i'))
    .description(
      'can this user do this, and why: every check with the chain that granted it, or the one that failed',
    )
    .requiredOption(
      '--user <user>',
      'the user name (system:serviceaccount:<ns>:<name> for a service account)',
    )
    .option('--group <group>', 'a group of the user (repeat for more)', collect)
    .action((options: CanIOptions) => canICommand(options));

  withQuery(rbac.command('who-can'))
    .description('every subject that can do this, with the chains; special groups in words')
    .action((options: QueryOptions) => whoCanCommand(options));

  withSource(rbac.command('tier-editors'))
    .description(
      'who can edit the policies of a tier, and the tier itself; indirect paths and caveats',
    )
    .requiredOption('--tier <tier>', 'the tier')
    .action((options: TierEditorsOptions) => tierEditorsCommand(options));
}
