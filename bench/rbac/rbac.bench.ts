import os from 'node:os';
import {
  buildRbacSnapshot,
  type CanIQuery,
  createRbacEngine,
  type PolicyQuery,
} from '@policy-ledger/rbac';
// The naive baseline is test code, deliberately kept out of the lib's public face.
import { naiveCanI, naiveTierEditors, naiveWhoCan } from '../../libs/rbac/src/testing/naive-rbac';
import { pick, seededRandom, syntheticCluster } from './synthetic-cluster';

const SIZE = { roles: 5000, bindings: 20000, tiers: 200, namespaces: 250, users: 3000, teams: 300 };
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const KINDS = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
];

interface Timing {
  p50: number;
  p99: number;
  /** The same percentiles in process CPU time (GC threads included), whatever else ran on the machine. */
  cpuP50: number;
  cpuP99: number;
  count: number;
}

function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function time<T>(calls: readonly T[], run: (call: T) => void): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const call of calls) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    run(call);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    p50: percentile(wall, 0.5),
    p99: percentile(wall, 0.99),
    cpuP50: percentile(cpu, 0.5),
    cpuP99: percentile(cpu, 0.99),
    count: wall.length,
  };
}

const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
const ratio = (naive: number, fast: number) =>
  `${Math.round(naive / fast).toLocaleString('en')}× faster`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const verdict = (value: number, target: number) =>
  value <= target ? `✔ target ≤ ${target} ms` : `✘ target ≤ ${target} ms`;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Builds the synthetic cluster, measures the engine and the naive baseline on the same queries, prints both. */
export function runRbacBench(print: (line: string) => void = console.log): void {
  const cluster = syntheticCluster(SIZE);
  const random = seededRandom(7);
  print(
    `machine: ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0]?.toFixed(1)} at start (wall-clock tails include other processes; CPU time counts this process only, its GC threads included)`,
  );
  print(
    `rbac bench: ${cluster.counts.roles} roles, ${cluster.counts.bindings} bindings, ${cluster.counts.tiers} tiers, ${SIZE.namespaces} namespaces, ${cluster.memberships.length} observed memberships (synthetic)`,
  );

  collectGarbage();
  const before = process.memoryUsage();
  let started = performance.now();
  const snapshot = buildRbacSnapshot({
    objects: cluster.objects,
    tiers: cluster.tiers,
    memberships: cluster.memberships,
  });
  const buildMs = performance.now() - started;
  started = performance.now();
  const engine = createRbacEngine(snapshot);
  const engineMs = performance.now() - started;
  collectGarbage();
  const after = process.memoryUsage();
  if (snapshot.problems.length > 0)
    throw new Error(`synthetic cluster has problems: ${snapshot.problems.slice(0, 3).join('; ')}`);

  const policyQuery = (): PolicyQuery => {
    const kind = pick(random, KINDS);
    const verb = pick(random, VERBS);
    const query: PolicyQuery = {
      verb,
      resource: `${kind}.projectcalico.org`,
      tier: pick(random, cluster.tierNames),
    };
    if (kind.includes('global') === false) query.namespace = pick(random, cluster.namespaces);
    if (verb !== 'list' && verb !== 'watch' && verb !== 'create')
      query.name = pick(random, ['allow-dns', `${query.tier}.allow-dns`, 'deny-all']);
    return query;
  };
  const canIQueries: CanIQuery[] = Array.from({ length: 3000 }, () => ({
    ...policyQuery(),
    user: pick(random, cluster.users),
    groups: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, cluster.teams)),
  }));
  const whoCanQueries = Array.from({ length: 400 }, policyQuery);
  const editorTiers = Array.from({ length: 400 }, () => pick(random, cluster.tierNames));

  // Warm-up: the JIT, CASL's lazy rule merging and the engine's per-snapshot memos (grant lookups,
  // path templates) settle as they would in a long-lived service; one pass over every tier.
  for (const q of canIQueries.slice(0, 300)) engine.canI(q);
  for (const q of whoCanQueries.slice(0, 40)) engine.whoCan(q);
  const coldEditors = time(cluster.tierNames, (t) => engine.tierEditors(t));

  const canI = time(canIQueries, (q) => engine.canI(q));
  const whoCan = time(whoCanQueries, (q) => engine.whoCan(q));
  const tierEditors = time(editorTiers, (t) => engine.tierEditors(t));

  const naiveCanIQueries = canIQueries.slice(0, 60);
  const naiveWhoCanQueries = whoCanQueries.slice(0, 4);
  // One sample: the naive baseline takes tens of seconds per tier on this cluster.
  const naiveTiers = editorTiers.slice(0, 1);
  const naiveCan = time(naiveCanIQueries, (q) => naiveCanI(snapshot, q));
  const naiveWho = time(naiveWhoCanQueries, (q) => naiveWhoCan(snapshot, q));
  const naiveEditors = time(naiveTiers, (t) => naiveTierEditors(snapshot, t));

  const canIAgree = naiveCanIQueries.filter(
    (q) => engine.canI(q).allowed === naiveCanI(snapshot, q).allowed,
  ).length;
  const whoCanAgree = naiveWhoCanQueries.filter((q) => {
    const fast = engine
      .whoCan(q)
      .subjects.map((e) =>
        e.subject.kind === 'ServiceAccount'
          ? `ServiceAccount:${e.subject.namespace}/${e.subject.name}`
          : `${e.subject.kind}:${e.subject.name}`,
      )
      .sort();
    return JSON.stringify(fast) === JSON.stringify(naiveWhoCan(snapshot, q).subjects);
  }).length;

  print(
    `snapshot build ${ms(buildMs)} + engine (aggregation, CASL abilities, indexes) ${ms(engineMs)} = ${ms(buildMs + engineMs)} (${verdict(buildMs + engineMs, 2000)})`,
  );
  print(
    `memory: heapUsed +${mib(after.heapUsed - before.heapUsed)} (now ${mib(after.heapUsed)}), RSS ${mib(after.rss)}`,
  );
  const line = (label: string, fast: Timing, naive: Timing, naiveWhat: string, target: number) =>
    print(
      `${label.padEnd(12)} p50 ${ms(fast.p50)} p99 ${ms(fast.p99)} over ${fast.count} [CPU time p50 ${ms(fast.cpuP50)} p99 ${ms(fast.cpuP99)}] (naive${naiveWhat} p50 ${ms(naive.p50)} p99 ${ms(naive.p99)} over ${naive.count}, ${ratio(naive.p99, fast.p99)} at p99) ${verdict(fast.p99, target)}`,
    );
  line('canI', canI, naiveCan, '', 1);
  line('whoCan', whoCan, naiveWho, '', 5);
  line('tierEditors', tierEditors, naiveEditors, ': 20 whoCan per tier,', 5);
  print(
    `tierEditors, first call per tier (cold per-snapshot memos, during warm-up): p50 ${ms(coldEditors.p50)} p99 ${ms(coldEditors.p99)} over ${coldEditors.count}`,
  );
  print(
    `agreement with the naive implementation: canI ${canIAgree}/${naiveCanIQueries.length}, whoCan ${whoCanAgree}/${naiveWhoCanQueries.length}`,
  );
}
