import { z } from 'zod';
import type {
  BindingObject,
  LabelSelector,
  ObservedMembership,
  PolicyRule,
  RbacSnapshot,
  RoleObject,
  SubjectRef,
  TierObject,
  UnknownStateObject,
} from './rbac-snapshot';

const stringList = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);
const labelMap = z
  .record(z.string(), z.string())
  .nullish()
  .transform((labels) => labels ?? {});

const metadataSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: labelMap,
  resourceVersion: z.string().optional(),
});

const ruleSchema = z.object({
  verbs: z.array(z.string()),
  apiGroups: stringList,
  resources: stringList,
  resourceNames: stringList,
  nonResourceURLs: stringList,
});
const rulesSchema = z
  .array(ruleSchema)
  .nullish()
  .transform((rules) => rules ?? []);

const selectorSchema = z.object({
  matchLabels: labelMap,
  matchExpressions: z
    .array(
      z.object({
        key: z.string().min(1),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: stringList,
      }),
    )
    .nullish()
    .transform((list) => list ?? []),
});

const clusterRoleSchema = z.object({
  metadata: metadataSchema,
  rules: rulesSchema,
  aggregationRule: z
    .object({
      clusterRoleSelectors: z
        .array(selectorSchema)
        .nullish()
        .transform((list) => list ?? []),
    })
    .nullish(),
});

const subjectSchema = z.object({
  kind: z.string(),
  name: z.string().min(1),
  namespace: z.string().optional(),
});
const bindingSchema = z.object({
  metadata: metadataSchema,
  roleRef: z.object({ kind: z.enum(['Role', 'ClusterRole']), name: z.string().min(1) }),
  subjects: z
    .array(subjectSchema)
    .nullish()
    .transform((list) => list ?? []),
});

const tierSchema = z.object({
  metadata: z.object({
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a tier name is a DNS label without dots'),
  }),
  spec: z.object({ order: z.number().nullish(), defaultAction: z.string().nullish() }).nullish(),
});

const membershipSchema = z.object({
  username: z.string().min(1),
  group: z.string().min(1),
  firstSeen: z.string().min(1),
  lastSeen: z.string().min(1),
});

export interface RbacSnapshotInput {
  objects: readonly unknown[];
  /** Calico Tier objects; Tier objects found in `objects` count as well. */
  tiers?: readonly unknown[];
  memberships?: readonly ObservedMembership[] | readonly unknown[];
  unknownState?: readonly UnknownStateObject[];
}

/** Validates raw `kubectl get -o json` objects into a snapshot; never throws on bad input. */
export function buildRbacSnapshot(input: RbacSnapshotInput): RbacSnapshot {
  const problems: string[] = [];
  const roles = new Map<string, RoleObject>();
  const bindings = new Map<string, BindingObject>();
  const tiers = new Map<string, TierObject>();
  const keep = <T>(into: Map<string, T>, key: string, label: string, value: T) => {
    if (into.has(key)) problems.push(`${label}: duplicate object, the later one is ignored`);
    else into.set(key, value);
  };

  const visit = (raw: unknown, where: string) => {
    if (!isRecord(raw)) {
      problems.push(`${where}: expected a Kubernetes object, found ${describeValue(raw)}`);
      return;
    }
    const kind = raw.kind;
    const label = labelOf(raw, where);
    switch (kind) {
      case 'Role':
      case 'ClusterRole': {
        const role = normalizeRole(kind, raw, label, problems);
        if (role) keep(roles, `${kind}/${role.namespace}/${role.name}`, label, role);
        return;
      }
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const binding = normalizeBinding(kind, raw, label, problems);
        if (binding) keep(bindings, `${kind}/${binding.namespace}/${binding.name}`, label, binding);
        return;
      }
      case 'Tier': {
        const tier = normalizeTier(raw, label, problems);
        if (tier) keep(tiers, tier.name, label, tier);
        return;
      }
      default:
        problems.push(
          `${label}: unsupported kind ${JSON.stringify(kind ?? null)} (expected Role, ClusterRole, RoleBinding, ClusterRoleBinding or Tier)`,
        );
    }
  };
  input.objects.forEach((raw, i) => {
    visit(raw, `objects[${i}]`);
  });
  (input.tiers ?? []).forEach((raw, i) => {
    if (isRecord(raw) && raw.kind === undefined) visit({ ...raw, kind: 'Tier' }, `tiers[${i}]`);
    else visit(raw, `tiers[${i}]`);
  });

  const memberships: ObservedMembership[] = [];
  (input.memberships ?? []).forEach((raw, i) => {
    const parsed = membershipSchema.safeParse(raw);
    if (parsed.success) memberships.push(parsed.data);
    else problems.push(...describeIssues(`memberships[${i}]`, parsed.error));
  });

  return {
    roles: [...roles.values()],
    bindings: [...bindings.values()],
    tiers: [...tiers.values()],
    memberships,
    problems,
    ...(input.unknownState?.length ? { unknownState: input.unknownState } : {}),
  };
}

function normalizeRole(
  kind: 'Role' | 'ClusterRole',
  raw: Record<string, unknown>,
  label: string,
  problems: string[],
): RoleObject | undefined {
  const parsed = clusterRoleSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...describeIssues(label, parsed.error));
    return undefined;
  }
  const { metadata, rules, aggregationRule } = parsed.data;
  const namespace = kind === 'Role' ? (metadata.namespace ?? '') : '';
  if (kind === 'Role' && namespace === '') {
    problems.push(`${label}: metadata.namespace is required for a Role`);
    return undefined;
  }
  const role: RoleObject = {
    kind,
    namespace,
    name: metadata.name,
    labels: metadata.labels,
    rules: rules.map(toPolicyRule),
    ...(metadata.resourceVersion ? { resourceVersion: metadata.resourceVersion } : {}),
  };
  // Only ClusterRoles aggregate; a Role's aggregationRule is not part of its schema.
  if (kind === 'ClusterRole' && aggregationRule) {
    const clusterRoleSelectors: LabelSelector[] = aggregationRule.clusterRoleSelectors.map((s) => ({
      matchLabels: s.matchLabels,
      matchExpressions: s.matchExpressions,
    }));
    role.aggregationRule = { clusterRoleSelectors };
  }
  return role;
}

function toPolicyRule(rule: z.infer<typeof ruleSchema>): PolicyRule {
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    resourceNames: rule.resourceNames,
    nonResourceURLs: rule.nonResourceURLs,
  };
}

function normalizeBinding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  raw: Record<string, unknown>,
  label: string,
  problems: string[],
): BindingObject | undefined {
  const parsed = bindingSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...describeIssues(label, parsed.error));
    return undefined;
  }
  const { metadata, roleRef, subjects } = parsed.data;
  const namespace = kind === 'RoleBinding' ? (metadata.namespace ?? '') : '';
  if (kind === 'RoleBinding' && namespace === '') {
    problems.push(`${label}: metadata.namespace is required for a RoleBinding`);
    return undefined;
  }
  const normalized: SubjectRef[] = [];
  subjects.forEach((subject, i) => {
    const where = `${label}: subjects[${i}]`;
    switch (subject.kind) {
      case 'User':
      case 'Group':
        normalized.push({ kind: subject.kind, name: subject.name });
        return;
      case 'ServiceAccount': {
        // A.3: the namespace defaults to the RoleBinding's and is required in a ClusterRoleBinding.
        const saNamespace = subject.namespace || namespace;
        if (saNamespace === '') {
          problems.push(
            `${where}.namespace is required for a ServiceAccount in a ClusterRoleBinding`,
          );
          return;
        }
        normalized.push({ kind: 'ServiceAccount', namespace: saNamespace, name: subject.name });
        return;
      }
      default:
        problems.push(
          `${where}.kind ${JSON.stringify(subject.kind)} is not User, Group or ServiceAccount`,
        );
    }
  });
  return { kind, namespace, name: metadata.name, roleRef, subjects: normalized };
}

function normalizeTier(
  raw: Record<string, unknown>,
  label: string,
  problems: string[],
): TierObject | undefined {
  const parsed = tierSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...describeIssues(label, parsed.error));
    return undefined;
  }
  const { metadata, spec } = parsed.data;
  return {
    name: metadata.name,
    ...(typeof spec?.order === 'number' ? { order: spec.order } : {}),
    ...(spec?.defaultAction ? { defaultAction: spec.defaultAction } : {}),
  };
}

function describeIssues(label: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${label}: ${formatPath(issue.path)}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(object)' : out;
}

function labelOf(raw: Record<string, unknown>, where: string): string {
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const kind = typeof raw.kind === 'string' ? raw.kind : 'object';
  if (name === undefined) return `${where} (${kind} without metadata.name)`;
  return `${kind} "${namespace ? `${namespace}/` : ''}${name}"`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
