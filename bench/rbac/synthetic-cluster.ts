// Synthetic cluster for the RBAC bench: the shape of a large multi-tenant cluster with Calico tiers.
import {
  calico,
  clusterRole,
  clusterRoleBinding,
  group,
  passthrough,
  type RawRule,
  type RawSubject,
  role,
  roleBinding,
  rule,
  serviceAccount,
  tier,
  user,
} from '../../libs/rbac/src/testing/synthetic-rbac-objects';

export interface SyntheticClusterSize {
  roles: number;
  bindings: number;
  tiers: number;
  namespaces: number;
  users: number;
  teams: number;
}

export interface SyntheticCluster {
  objects: unknown[];
  tiers: unknown[];
  memberships: { username: string; group: string; firstSeen: string; lastSeen: string }[];
  tierNames: string[];
  namespaces: string[];
  users: string[];
  teams: string[];
  counts: { roles: number; bindings: number; tiers: number };
}

/** Small, fast, seeded PRNG (mulberry32) so every run measures the same cluster. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

const KINDS = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
];

export function syntheticCluster(size: SyntheticClusterSize, seed = 42): SyntheticCluster {
  const random = seededRandom(seed);
  const tierNames = Array.from({ length: size.tiers }, (_, i) => `tier-${i}`);
  const namespaces = Array.from({ length: size.namespaces }, (_, i) => `ns-${i}`);
  const users = Array.from({ length: size.users }, (_, i) => `user-${i}@example.com`);
  const teams = Array.from({ length: size.teams }, (_, i) => `team-${i}`);
  const clusterRoles: unknown[] = [];
  const roles: unknown[] = [];
  const bindings: unknown[] = [];

  // Built-ins: cluster-admin, aggregated admin/edit/view, the passthrough, and labelled add-ons.
  clusterRoles.push(clusterRole('cluster-admin', [rule(['*'], ['*'], ['*'])]));
  for (const level of ['admin', 'edit', 'view'])
    clusterRoles.push(
      clusterRole(level, [], {
        aggregate: [
          { matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${level}`]: 'true' } },
        ],
      }),
    );
  const [passthroughRole, passthroughBinding] = passthrough();
  clusterRoles.push(passthroughRole);
  bindings.push(passthroughBinding);
  const appResources = [
    'pods',
    'services',
    'configmaps',
    'deployments',
    'secrets',
    'jobs',
    'ingresses',
  ];
  for (let i = 0; i < 60; i++) {
    const level = pick(random, ['admin', 'edit', 'view']);
    const verbs =
      level === 'view'
        ? ['get', 'list', 'watch']
        : ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
    clusterRoles.push(
      clusterRole(
        `aggregate-to-${level}-${i}`,
        [
          rule(
            verbs,
            [pick(random, ['', 'apps', 'batch', 'networking.k8s.io'])],
            [pick(random, appResources), pick(random, appResources)],
          ),
        ],
        {
          labels: { [`rbac.authorization.k8s.io/aggregate-to-${level}`]: 'true' },
        },
      ),
    );
  }
  clusterRoles.push(
    clusterRole('calico-network-admin', [calico(['*'], ['*'])], {
      labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    }),
    clusterRole('rbac-manager', [rule(['*'], ['rbac.authorization.k8s.io'], ['*'])]),
    clusterRole('impersonator', [
      rule(['impersonate'], [''], ['users', 'groups', 'serviceaccounts']),
    ]),
  );

  // Per tier: admin, viewer, a named-policy editor.
  for (const t of tierNames) {
    clusterRoles.push(
      clusterRole(`${t}-admin`, [
        calico(['get'], ['tiers'], [t]),
        calico(
          ['*'],
          KINDS.map((k) => `tier.${k}`),
          [`${t}.*`],
        ),
      ]),
      clusterRole(`${t}-viewer`, [
        calico(['get'], ['tiers'], [t]),
        calico(
          ['get', 'list', 'watch'],
          KINDS.map((k) => `tier.${k}`),
          [`${t}.*`],
        ),
      ]),
      clusterRole(`${t}-named-editor`, [
        calico(['get'], ['tiers'], [t]),
        calico(
          ['get', 'update', 'patch', 'delete'],
          ['tier.networkpolicies'],
          [`${t}.allow-dns`, `allow-dns-${t}`],
        ),
      ]),
    );
  }
  const fixedClusterRoles = clusterRoles.length;
  for (
    let i = 0;
    clusterRoles.length < Math.max(fixedClusterRoles, Math.floor(size.roles * 0.2));
    i++
  )
    clusterRoles.push(
      clusterRole(`app-reader-${i}`, [
        rule(
          ['get', 'list', 'watch'],
          [pick(random, ['', 'apps', 'batch'])],
          [pick(random, appResources)],
        ),
      ]),
    );

  // Namespaced roles fill the rest: app roles, tier-scoped policy editors, k8s NetworkPolicy editors.
  const rolesPerNamespace = Math.ceil((size.roles - clusterRoles.length) / namespaces.length);
  const namespaceRoles = new Map<string, string[]>();
  for (const ns of namespaces) {
    const names: string[] = [];
    for (let i = 0; i < rolesPerNamespace && clusterRoles.length + roles.length < size.roles; i++) {
      const name = `role-${i}`;
      const kindOfRole = random();
      let rules: RawRule[];
      if (kindOfRole < 0.25) {
        const t = pick(random, tierNames);
        rules = [
          calico(
            pick(random, [
              ['*'],
              ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
              ['get', 'list'],
            ]),
            ['tier.networkpolicies', 'tier.stagednetworkpolicies'],
            [`${t}.*`],
          ),
        ];
      } else if (kindOfRole < 0.35)
        rules = [rule(['*'], ['networking.k8s.io'], ['networkpolicies'])];
      else
        rules = [
          rule(
            ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
            [pick(random, ['', 'apps'])],
            [pick(random, appResources), pick(random, appResources)],
          ),
        ];
      roles.push(role(ns, name, rules));
      names.push(name);
    }
    namespaceRoles.set(ns, names);
  }

  const someSubject = (ns?: string): RawSubject => {
    const r = random();
    if (r < 0.45) return user(pick(random, users));
    if (r < 0.85) return group(pick(random, teams));
    return serviceAccount(`sa-${Math.floor(random() * 5)}`, ns ?? pick(random, namespaces));
  };
  // cluster-admin goes to a handful of platform subjects, as in most clusters; the rest are tier roles.
  bindings.push(
    clusterRoleBinding('platform-admins', 'cluster-admin', [
      group('platform-admins'),
      user('breakglass@example.com'),
    ]),
    clusterRoleBinding('platform-sre', 'cluster-admin', [group('platform-sre')]),
  );
  const clusterBindingCount = Math.floor(size.bindings * 0.05);
  for (let i = 0; bindings.length < clusterBindingCount; i++) {
    const r = random();
    const t = pick(random, tierNames);
    const roleName =
      r < 0.5
        ? `${t}-admin`
        : r < 0.85
          ? `${t}-viewer`
          : r < 0.95
            ? `${t}-named-editor`
            : r < 0.98
              ? pick(random, ['view', 'edit'])
              : pick(random, ['rbac-manager', 'impersonator']);
    bindings.push(
      clusterRoleBinding(`crb-${i}`, roleName, [
        someSubject(),
        ...(random() < 0.3 ? [someSubject()] : []),
      ]),
    );
  }
  for (let i = 0; bindings.length < size.bindings; i++) {
    const ns = pick(random, namespaces);
    const r = random();
    const roleRef =
      r < 0.6
        ? { kind: 'Role' as const, name: pick(random, namespaceRoles.get(ns) ?? ['role-0']) }
        : r < 0.85
          ? { kind: 'ClusterRole' as const, name: pick(random, ['edit', 'view', 'admin']) }
          : {
              kind: 'ClusterRole' as const,
              name: `${pick(random, tierNames)}-${pick(random, ['admin', 'viewer'])}`,
            };
    const subject =
      random() < 0.3 ? serviceAccount(`sa-${Math.floor(random() * 5)}`) : someSubject(ns);
    bindings.push(roleBinding(ns, `rb-${i}`, roleRef, [subject]));
  }

  const platform = users.slice(0, 12).map((username) => ({
    username,
    group: pick(random, ['platform-admins', 'platform-sre']),
    firstSeen: '2026-07-01T00:00:00Z',
    lastSeen: '2026-08-20T00:00:00Z',
  }));
  const memberships = users.slice(0, Math.floor(users.length / 2)).flatMap((username) =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      username,
      group: pick(random, teams),
      firstSeen: '2026-07-01T00:00:00Z',
      lastSeen: '2026-08-20T00:00:00Z',
    })),
  );
  return {
    objects: [...clusterRoles, ...roles, ...bindings],
    tiers: tierNames.map((t, i) => tier(t, 100 + i)),
    memberships: [...platform, ...memberships],
    tierNames,
    namespaces,
    users,
    teams,
    counts: {
      roles: clusterRoles.length + roles.length,
      bindings: bindings.length,
      tiers: tierNames.length,
    },
  };
}
