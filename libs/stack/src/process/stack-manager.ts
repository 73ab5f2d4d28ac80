import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrateDatabase } from '@policy-ledger/ledger';
import { isDockerEngineAvailable, startDockerServices } from '../docker/testcontainers-stack';
import { ensureTopics } from '../kafka/ensure-topics';
import {
  ensureKafkaJars,
  findJava,
  type KafkaBroker,
  startKafkaBroker,
} from '../kafka/kafka-broker';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../postgres/embedded-postgres';
import {
  formatStackEnv,
  parseStackMode,
  redactUrl,
  type StackSettings,
  type StackTiming,
  type TopicSpec,
} from '../stack-settings';
import { isProcessAlive, stopProcessGroup } from './owned-process';
import { watchOwner } from './owner-watch';

export interface StartStackOptions {
  /** The repository root: tools/kafka lives there. */
  rootDir: string;
  /** Where this stack keeps its data, logs and state (e.g. .stack or .stack/test-1234). */
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  topics: readonly TopicSpec[];
  /** When set, a watcher stops the started services if this process dies without stopping them. */
  ownerPid?: number;
  /** False for work that needs only PostgreSQL (the API benchmark): no broker is started. */
  withKafka?: boolean;
  log?: (line: string) => void;
}

export interface RunningStack {
  settings: StackSettings;
  timings: StackTiming[];
  /** Present when this stack started PostgreSQL itself (tests use it to simulate an outage). */
  postgres?: EmbeddedPostgres;
  kafka?: KafkaBroker;
  stop(): Promise<void>;
}

const DATABASE = 'policy_ledger';
const APP_USER = 'policy_ledger_app';

async function timed<T>(timings: StackTiming[], part: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ part, ms: Math.round(performance.now() - started) });
  }
}

function userOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).username) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Brings up everything the apps need: PostgreSQL (DATABASE_URL, or embedded, or a container) with
 * migrations applied, and Kafka (KAFKA_BROKERS, or a local KRaft broker from Maven Central jars,
 * or a container) with the topics created. Services it started are stopped by `stop()`; if one
 * part fails, the parts already started are stopped before the error is thrown.
 */
export async function startStack(options: StartStackOptions): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const timings: StackTiming[] = [];
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  await mkdir(options.stateDir, { recursive: true });

  try {
    let mode = parseStackMode(env.POLICY_LEDGER_STACK);
    if (mode === 'auto') mode = (await isDockerEngineAvailable()) ? 'docker' : 'embedded';
    const needPostgres = !env.DATABASE_URL;
    const needKafka = !env.KAFKA_BROKERS && options.withKafka !== false;

    let postgres: EmbeddedPostgres | undefined;
    let kafka: KafkaBroker | undefined;
    let databaseUrl = env.DATABASE_URL;
    let adminUrl = env.DATABASE_ADMIN_URL ?? env.DATABASE_URL;
    let brokers = env.KAFKA_BROKERS;

    if (mode === 'docker' && (needPostgres || needKafka)) {
      const docker = await timed(timings, 'containers', () =>
        startDockerServices({ postgres: needPostgres, kafka: needKafka }),
      );
      stops.push(() => docker.stop());
      databaseUrl ??= docker.databaseUrl;
      adminUrl ??= docker.databaseUrl;
      brokers ??= docker.kafkaBrokers;
    } else {
      // Both start at once: the JVM's start-up and initdb overlap.
      const [pgResult, kafkaResult] = await Promise.allSettled([
        needPostgres
          ? timed(timings, 'postgres', () =>
              startEmbeddedPostgres({
                dir: path.join(options.stateDir, 'postgres'),
                database: DATABASE,
                appUser: APP_USER,
              }),
            )
          : Promise.resolve(undefined),
        needKafka
          ? (async () => {
              const java = await findJava();
              const toolsDir = path.join(options.rootDir, 'tools', 'kafka');
              const jars = await timed(timings, 'kafka jars', () => ensureKafkaJars(toolsDir));
              if (jars.resolved)
                log('kafka: resolved the broker jars from Maven Central into tools/kafka/lib');
              return timed(timings, 'kafka', () =>
                startKafkaBroker(
                  { dir: path.join(options.stateDir, 'kafka'), toolsDir },
                  java,
                  jars.libDir,
                ),
              );
            })()
          : Promise.resolve(undefined),
      ]);
      if (pgResult.status === 'fulfilled' && pgResult.value) {
        postgres = pgResult.value;
        stops.push(() => postgres!.stop());
      }
      if (kafkaResult.status === 'fulfilled' && kafkaResult.value) {
        kafka = kafkaResult.value;
        stops.push(() => kafka!.stop());
      }
      const failures = [pgResult, kafkaResult].filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      if (failures.length > 0)
        throw new Error(failures.map((f) => (f.reason as Error).message).join('\n'));
      databaseUrl ??= postgres?.appUrl;
      adminUrl ??= postgres?.adminUrl;
      brokers ??= kafka?.brokers.join(',');
    }
    if (!databaseUrl || !adminUrl) throw new Error('stack: no PostgreSQL to use');
    if (!brokers && options.withKafka !== false) throw new Error('stack: no Kafka to use');

    if (options.ownerPid !== undefined) {
      const groups = [postgres?.pid, kafka?.pid].filter((pid): pid is number => pid !== undefined);
      if (groups.length > 0) {
        const watcher = watchOwner(options.ownerPid, groups);
        stops.unshift(async () => stopProcessGroup(watcher, { graceMs: 1_000 }));
      }
    }

    const migration = await timed(timings, 'migrations', () =>
      migrateDatabase(adminUrl, { appUser: userOf(databaseUrl) }),
    );
    if (migration.applied.length > 0)
      log(`postgres: applied migrations ${migration.applied.join(', ')}`);
    if (brokers)
      await timed(timings, 'topics', () => ensureTopics(brokers.split(','), options.topics));

    return {
      settings: {
        DATABASE_URL: databaseUrl,
        DATABASE_ADMIN_URL: adminUrl,
        KAFKA_BROKERS: brokers ?? '',
      },
      timings,
      postgres,
      kafka,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface StackState {
  settings: StackSettings;
  postgresPid?: number;
  kafkaPid?: number;
  startedAt: string;
}

const stateFile = (stateDir: string) => path.join(stateDir, 'state.json');
const envFile = (stateDir: string) => path.join(stateDir, 'env');

async function readState(stateDir: string): Promise<StackState | undefined> {
  const text = await readFile(stateFile(stateDir), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as StackState) : undefined;
}

function runningPids(state: StackState): { alive: number[]; dead: number[] } {
  const pids = [state.postgresPid, state.kafkaPid].filter((p): p is number => p !== undefined);
  return { alive: pids.filter(isProcessAlive), dead: pids.filter((p) => !isProcessAlive(p)) };
}

export interface StackUpResult {
  settings: StackSettings;
  timings: StackTiming[];
  reused: boolean;
  envFile: string;
}

/** `stack up`: starts a stack that outlives this process (or reuses the running one) and writes .stack/env. */
export async function stackUp(
  options: Omit<StartStackOptions, 'ownerPid'>,
): Promise<StackUpResult> {
  const previous = await readState(options.stateDir);
  if (previous) {
    const { dead } = runningPids(previous);
    if (dead.length === 0)
      return {
        settings: previous.settings,
        timings: [],
        reused: true,
        envFile: envFile(options.stateDir),
      };
    await stackDown(options.stateDir);
  }
  const stack = await startStack(options);
  const state: StackState = {
    settings: stack.settings,
    postgresPid: stack.postgres?.pid,
    kafkaPid: stack.kafka?.pid,
    startedAt: new Date().toISOString(),
  };
  await writeFile(stateFile(options.stateDir), JSON.stringify(state, null, 2), { mode: 0o600 });
  await writeFile(envFile(options.stateDir), formatStackEnv(stack.settings), { mode: 0o600 });
  return {
    settings: stack.settings,
    timings: stack.timings,
    reused: false,
    envFile: envFile(options.stateDir),
  };
}

/** `stack down`: stops what `stack up` started; does nothing when nothing runs. */
export async function stackDown(stateDir: string): Promise<{ stopped: string[] }> {
  const state = await readState(stateDir);
  if (!state) return { stopped: [] };
  const stopped: string[] = [];
  if (state.kafkaPid !== undefined && isProcessAlive(state.kafkaPid)) {
    await stopProcessGroup(state.kafkaPid, { graceMs: 20_000 });
    stopped.push('kafka');
  }
  if (state.postgresPid !== undefined && isProcessAlive(state.postgresPid)) {
    await stopProcessGroup(state.postgresPid, { signal: 'SIGINT' });
    stopped.push('postgres');
  }
  await rm(stateFile(stateDir), { force: true });
  await rm(envFile(stateDir), { force: true });
  return { stopped };
}

export interface StackStatus {
  running: boolean;
  settings?: StackSettings;
  services: Array<{ name: string; pid: number; alive: boolean }>;
}

export async function stackStatus(stateDir: string): Promise<StackStatus> {
  const state = await readState(stateDir);
  if (!state) return { running: false, services: [] };
  const services = [
    ...(state.postgresPid !== undefined
      ? [{ name: 'postgres', pid: state.postgresPid, alive: isProcessAlive(state.postgresPid) }]
      : []),
    ...(state.kafkaPid !== undefined
      ? [{ name: 'kafka', pid: state.kafkaPid, alive: isProcessAlive(state.kafkaPid) }]
      : []),
  ];
  return { running: services.every((s) => s.alive), settings: state.settings, services };
}

/** Settings for printing: passwords replaced. */
export function describeSettings(settings: StackSettings): string[] {
  return [
    `DATABASE_URL=${redactUrl(settings.DATABASE_URL)}`,
    `DATABASE_ADMIN_URL=${redactUrl(settings.DATABASE_ADMIN_URL)}`,
    `KAFKA_BROKERS=${settings.KAFKA_BROKERS}`,
  ];
}
