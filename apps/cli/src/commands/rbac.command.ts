import { readFileSync } from 'node:fs';
import {
  buildRbacSnapshot,
  type CanIQuery,
  createRbacEngine,
  InvalidQueryError,
  type PolicyQuery,
  parseRbacDocuments,
  type RbacEngine,
  type RbacMode,
  renderCanI,
  renderTierEditors,
  renderWhoCan,
} from '@policy-ledger/rbac';
import type { Command } from 'commander';
import { UsageError } from '../usage-error';

/** Where the commands read files and write lines; tests pass their own. */
export interface RbacCliIo {
  readFile(path: string): string;
  print(line: string): void;
}

export interface RbacSourceOptions {
  rbac: string;
  memberships?: string;
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

/** Reads the RBAC file (and observed memberships) and builds an engine; any problem is a usage error. */
export function loadRbacEngine(options: RbacSourceOptions, io: RbacCliIo): RbacEngine {
  const mode = options.mode ?? 'apiserver';
  if (!(MODES as readonly string[]).includes(mode))
    throw new UsageError(`--mode "${mode}" must be apiserver or webhook`);
  const objects = parseFile(options.rbac, '--rbac', io);
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

export function canICommand(options: CanIOptions, io: RbacCliIo = nodeIo): void {
  if (options.user.trim() === '') throw new UsageError('--user must not be empty');
  const engine = loadRbacEngine(options, io);
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

export function whoCanCommand(options: QueryOptions, io: RbacCliIo = nodeIo): void {
  const engine = loadRbacEngine(options, io);
  const answer = asked(() => engine.whoCan(policyQuery(options)));
  if (options.json) io.print(JSON.stringify(answer, null, 2));
  else
    for (const line of [...renderWhoCan(answer, engine.mode), ...warningsOf(engine)])
      io.print(line);
}

export function tierEditorsCommand(options: TierEditorsOptions, io: RbacCliIo = nodeIo): void {
  const engine = loadRbacEngine(options, io);
  const answer = asked(() => engine.tierEditors(options.tier));
  if (options.json) io.print(JSON.stringify(answer, null, 2));
  else for (const line of renderTierEditors(answer, engine.mode)) io.print(line);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function withSource(command: Command): Command {
  return command
    .requiredOption(
      '--rbac <file>',
      'Roles, ClusterRoles, (Cluster)RoleBindings and Tiers: a kubectl List, a JSON array or multi-document YAML',
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
      'offline RBAC questions on exported objects: Kubernetes RBAC plus Calico tier checks',
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
