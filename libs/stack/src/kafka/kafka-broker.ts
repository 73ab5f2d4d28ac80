import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fixKafkajsRequestQueueTimer } from '@policy-ledger/ingestion';
import { Kafka, logLevel } from 'kafkajs';
import { findFreePorts } from '../process/free-port';
import { type OwnedProcess, startOwnedProcess, stopProcessGroup } from '../process/owned-process';
import { runToCompletion, tail } from '../process/run-to-completion';

export interface KafkaBrokerOptions {
  /** Folder for this broker's config, data and log. */
  dir: string;
  /** tools/kafka: holds pom.xml and log4j2.properties; jars are resolved into its lib/. */
  toolsDir: string;
  heapMb?: number;
}

export interface KafkaBroker {
  pid: number;
  brokers: string[];
  logFile: string;
  stop(): Promise<void>;
}

export interface JavaRuntime {
  java: string;
  major: number;
}

/** Finds `java` (JAVA_HOME first, then PATH) and checks it is 17 or newer, as Kafka 4.x brokers require. */
export async function findJava(): Promise<JavaRuntime> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let output: string;
  try {
    output = (await runToCompletion(java, ['-version'])).output;
  } catch {
    throw new Error(
      'Java 17+ not found on PATH (needed for the local Kafka broker); install it or set KAFKA_BROKERS',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const first = Number(match?.[1]);
  const major = first === 1 ? Number(match?.[2]) : first;
  if (!Number.isFinite(major) || major < 17) {
    throw new Error(
      `Java 17+ is required by Apache Kafka 4.x brokers, but ${java} is Java ${Number.isFinite(major) ? major : 'of unknown version'}; install Java 17+ (or point JAVA_HOME at it) or set KAFKA_BROKERS`,
    );
  }
  return { java, major };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Resolves the broker jars from Maven Central into tools/kafka/lib once per pom.xml version.
 * Maven caches them under ~/.m2, so a fresh clone on a warm machine resolves in seconds.
 */
export async function ensureKafkaJars(
  toolsDir: string,
): Promise<{ libDir: string; resolved: boolean }> {
  const pom = path.join(toolsDir, 'pom.xml');
  const libDir = path.join(toolsDir, 'lib');
  const stampFile = path.join(libDir, '.pom-sha256');
  const pomHash = createHash('sha256')
    .update(await readFile(pom))
    .digest('hex');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === pomHash)
    return { libDir, resolved: false };

  const staging = `${libDir}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  let result: Awaited<ReturnType<typeof runToCompletion>>;
  try {
    result = await runToCompletion('mvn', [
      '-B',
      '-q',
      '-f',
      pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${staging}`,
    ]);
  } catch {
    throw new Error(
      'Maven (mvn) not found on PATH: it resolves the Kafka broker jars from Maven Central (once); install it or set KAFKA_BROKERS',
    );
  }
  if (result.code !== 0 || !(await exists(path.join(staging)))) {
    throw new Error(
      `Maven could not resolve the Kafka jars (exit ${result.code}):\n${tail(result.output)}`,
    );
  }
  await writeFile(path.join(staging, '.pom-sha256'), pomHash);
  await rm(libDir, { recursive: true, force: true });
  await rename(staging, libDir);
  return { libDir, resolved: true };
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64; one starting with '-' would read as a flag. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(dataDir: string, brokerPort: number, controllerPort: number): string {
  const settings: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 1,
    'num.recovery.threads.per.data.dir': 1,
    // One node: the internal topics' default replication factor of 3 could never be met.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': 'true',
    'num.network.threads': 2,
    'num.io.threads': 2,
    'log.retention.check.interval.ms': 300000,
  };
  return `${Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

async function waitUntilServing(
  brokers: string[],
  broker: OwnedProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  fixKafkajsRequestQueueTimer();
  const kafka = new Kafka({
    clientId: 'policy-ledger-stack',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (broker.hasExited()) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(
        `the Kafka broker exited during start-up (${await broker.exited}); its log ends with:\n${tail(log)}`,
      );
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.controller !== null && cluster.brokers.length > 0) return;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the Kafka broker did not answer within ${timeoutMs} ms: ${lastError}`);
}

/** Formats KRaft storage and starts a single-node broker+controller on 127.0.0.1. */
export async function startKafkaBroker(
  options: KafkaBrokerOptions,
  java: JavaRuntime,
  libDir: string,
): Promise<KafkaBroker> {
  await mkdir(options.dir, { recursive: true });
  const dataDir = path.join(options.dir, 'data');
  // The controller's address is written into the storage at format time; ports are fresh each start.
  await rm(dataDir, { recursive: true, force: true });
  const [brokerPort, controllerPort] = (await findFreePorts(2)) as [number, number];
  const propertiesFile = path.join(options.dir, 'server.properties');
  await writeFile(propertiesFile, serverProperties(dataDir, brokerPort, controllerPort));
  const logFile = path.join(options.dir, 'kafka.log');
  const classpath = `${libDir}${path.sep}*`;
  const logging = [
    `-Dlog4j2.configurationFile=file:${path.join(options.toolsDir, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${options.dir}`,
  ];

  const format = await runToCompletion(java.java, [
    ...logging,
    '-cp',
    classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    newClusterId(),
    '-c',
    propertiesFile,
    '--standalone',
    '--ignore-formatted',
  ]);
  if (format.code !== 0)
    throw new Error(
      `formatting Kafka storage failed (exit ${format.code}):\n${tail(format.output)}`,
    );

  const heap = options.heapMb ?? 512;
  const broker = startOwnedProcess({
    name: 'kafka',
    command: java.java,
    args: [
      `-Xms${Math.min(256, heap)}m`,
      `-Xmx${heap}m`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:InitiatingHeapOccupancyPercent=35',
      '-XX:+ExplicitGCInvokesConcurrent',
      '-Xshare:auto',
      '-Djava.awt.headless=true',
      ...logging,
      '-cp',
      classpath,
      'kafka.Kafka',
      propertiesFile,
    ],
    logFile,
  });
  const brokers = [`127.0.0.1:${brokerPort}`];
  try {
    await waitUntilServing(brokers, broker, logFile, 60_000);
  } catch (error) {
    await stopProcessGroup(broker.pid, { graceMs: 2_000 });
    throw error;
  }
  return {
    pid: broker.pid,
    brokers,
    logFile,
    stop: () => stopProcessGroup(broker.pid, { graceMs: 20_000 }),
  };
}
