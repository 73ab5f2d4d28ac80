import {
  describeValue,
  type Problems,
  readArray,
  readBoolean,
  readNumber,
  readRecord,
  readString,
  readStringList,
} from './field-readers';
import { toJsonPointer } from './json-pointer';
import { getOwn } from './json-value';
import { labelSelectorToCalico } from './label-selector-to-calico';
import { isPolicyKind, objectKindOf, type PolicyKind, resolveObjectKind } from './object-kind';
import { readMetadata } from './read-metadata';
import { toKubernetesRuleModels } from './to-kubernetes-rule-models';
import { type Direction, type RuleAction, type RuleModel, toRuleModel } from './to-rule-model';

export type StagedAction = 'Set' | 'Delete' | 'Learn' | 'Ignore';
/** spec: spec.tier; name-prefix: taken from a "<tier>." name prefix (older Calico); default: neither. */
export type TierSource = 'spec' | 'name-prefix' | 'default';

export interface PolicyModel {
  kind: PolicyKind;
  name: string;
  namespace?: string;
  tier: string;
  tierSource: TierSource;
  /** Absent: evaluated after every ordered policy of the tier. */
  order?: number;
  selector: string;
  /** GlobalNetworkPolicy only: which namespaces' endpoints the policy applies to. */
  namespaceSelector?: string;
  serviceAccountSelector?: string;
  /** Effective types, after Calico's (or Kubernetes') defaulting. */
  types: Direction[];
  typesExplicit: boolean;
  ingress: RuleModel[];
  egress: RuleModel[];
  /** Rules as written in the spec (a Kubernetes rule counts once, however Calico splits it). */
  ruleCount: number;
  actionsUsed: ReadonlySet<RuleAction>;
  staged: boolean;
  stagedAction?: StagedAction;
  enforced: boolean;
  doNotTrack: boolean;
  preDNAT: boolean;
  applyOnForward: boolean;
  problems: string[];
}

export interface PolicyModelOptions {
  /** Used when the object does not say what it is (a kind, or a plural resource name). */
  kind?: string;
  /** Tiers that may appear as a "<tier>." name prefix, besides the built-in ones. */
  knownTiers?: readonly string[];
}

const DEFAULT_TIER = 'default';
/** Calico places Kubernetes NetworkPolicies in the default tier at order 1000. */
export const KUBERNETES_POLICY_ORDER = 1000;
export const BUILT_IN_TIERS: readonly string[] = [
  'default',
  'kube-admin',
  'kube-baseline',
  'allow-tigera',
];

const STAGED_ACTIONS: readonly StagedAction[] = ['Set', 'Delete', 'Learn', 'Ignore'];
const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

/** Any policy-like object, read defensively: what cannot be read is listed in `problems`. */
export function toPolicyModel(object: unknown, options: PolicyModelOptions = {}): PolicyModel {
  const problems: Problems = [];
  const kind = policyKindOf(object, options.kind, problems);
  const metadata = readMetadata(object, problems);
  const spec = readRecord(object, 'spec', 'spec', problems);
  if (spec === undefined) problems.push('spec: missing');
  const kubernetes = kind === 'KubernetesNetworkPolicy' || kind === 'StagedKubernetesNetworkPolicy';
  const body = kubernetes
    ? readKubernetesBody(spec, problems)
    : readCalicoBody(spec, kind, problems);
  const tier = kubernetes
    ? { tier: DEFAULT_TIER, tierSource: 'default' as const }
    : readTier(spec, metadata.name, options.knownTiers ?? [], problems);
  const staged = kind.startsWith('Staged');
  const stagedAction = staged ? readStagedAction(spec, problems) : undefined;
  const rules = [...body.ingress, ...body.egress];
  return {
    kind,
    name: metadata.name,
    ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
    ...tier,
    ...body,
    ruleCount: new Set(rules.map((rule) => rule.path)).size,
    actionsUsed: new Set(rules.map((rule) => rule.action)),
    staged,
    ...(stagedAction === undefined ? {} : { stagedAction }),
    enforced: !staged,
    problems,
  };
}

type PolicyBody = Pick<
  PolicyModel,
  | 'order'
  | 'selector'
  | 'namespaceSelector'
  | 'serviceAccountSelector'
  | 'types'
  | 'typesExplicit'
  | 'ingress'
  | 'egress'
  | 'doNotTrack'
  | 'preDNAT'
  | 'applyOnForward'
>;

function policyKindOf(object: unknown, hint: string | undefined, problems: Problems): PolicyKind {
  const declared = objectKindOf(object);
  if (isPolicyKind(declared)) return declared;
  const resolved = resolveObjectKind(hint, object);
  if (isPolicyKind(resolved)) return resolved;
  problems.push(
    `kind: not a policy kind (${describeValue(getOwn(object, 'kind'))}), read as a Calico NetworkPolicy`,
  );
  return 'NetworkPolicy';
}

function readCalicoBody(spec: unknown, kind: PolicyKind, problems: Problems): PolicyBody {
  const ingress = readRules(spec, 'ingress', problems);
  const egress = readRules(spec, 'egress', problems);
  const explicit = readTypes(spec, 'types', problems);
  const global = kind === 'GlobalNetworkPolicy' || kind === 'StagedGlobalNetworkPolicy';
  const order = readNumber(spec, 'order', 'spec.order', problems);
  const namespaceSelector = readString(
    spec,
    'namespaceSelector',
    'spec.namespaceSelector',
    problems,
  );
  const serviceAccountSelector = readString(
    spec,
    'serviceAccountSelector',
    'spec.serviceAccountSelector',
    problems,
  );
  return {
    ...(order === undefined ? {} : { order }),
    selector: nonEmpty(readString(spec, 'selector', 'spec.selector', problems)) ?? 'all()',
    ...(global && nonEmpty(namespaceSelector)
      ? { namespaceSelector: namespaceSelector?.trim() }
      : {}),
    ...(nonEmpty(serviceAccountSelector)
      ? { serviceAccountSelector: serviceAccountSelector?.trim() }
      : {}),
    types: explicit ?? calicoDefaultTypes(ingress.length > 0, egress.length > 0),
    typesExplicit: explicit !== undefined,
    ingress,
    egress,
    doNotTrack: readBoolean(spec, 'doNotTrack', 'spec.doNotTrack', problems) ?? false,
    preDNAT: readBoolean(spec, 'preDNAT', 'spec.preDNAT', problems) ?? false,
    applyOnForward: readBoolean(spec, 'applyOnForward', 'spec.applyOnForward', problems) ?? false,
  };
}

/** Calico: no rules or ingress only → Ingress; egress only → Egress; both → both. */
function calicoDefaultTypes(hasIngress: boolean, hasEgress: boolean): Direction[] {
  if (hasEgress && !hasIngress) return ['Egress'];
  return hasEgress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function readKubernetesBody(spec: unknown, problems: Problems): PolicyBody {
  const ingress = readArray(spec, 'ingress', 'spec.ingress', problems).flatMap((rule, index) =>
    toKubernetesRuleModels(
      rule,
      'Ingress',
      toJsonPointer(['spec', 'ingress', index]),
      index + 1,
      problems,
    ),
  );
  const egress = readArray(spec, 'egress', 'spec.egress', problems).flatMap((rule, index) =>
    toKubernetesRuleModels(
      rule,
      'Egress',
      toJsonPointer(['spec', 'egress', index]),
      index + 1,
      problems,
    ),
  );
  const explicit = readTypes(spec, 'policyTypes', problems);
  const podSelector = getOwn(spec, 'podSelector');
  if (spec !== undefined && podSelector === undefined)
    problems.push('spec.podSelector: missing, read as {}');
  return {
    order: KUBERNETES_POLICY_ORDER,
    selector: labelSelectorToCalico(podSelector, 'spec.podSelector', problems),
    // Kubernetes: Ingress always applies by default; Egress only when there are egress rules.
    types: explicit ?? (egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']),
    typesExplicit: explicit !== undefined,
    ingress,
    egress,
    doNotTrack: false,
    preDNAT: false,
    applyOnForward: false,
  };
}

function readRules(spec: unknown, key: 'ingress' | 'egress', problems: Problems): RuleModel[] {
  return readArray(spec, key, `spec.${key}`, problems).map((rule, index) =>
    toRuleModel(rule, toJsonPointer(['spec', key, index]), index + 1, problems),
  );
}

function readTypes(spec: unknown, key: string, problems: Problems): Direction[] | undefined {
  const types: Direction[] = [];
  for (const value of readStringList(spec, key, `spec.${key}`, problems)) {
    const direction = DIRECTIONS.find((known) => known.toLowerCase() === value.toLowerCase());
    if (direction === undefined) problems.push(`spec.${key}: unknown type ${describeValue(value)}`);
    else if (!types.includes(direction)) types.push(direction);
  }
  return types.length === 0
    ? undefined
    : DIRECTIONS.filter((direction) => types.includes(direction));
}

function readTier(
  spec: unknown,
  name: string,
  knownTiers: readonly string[],
  problems: Problems,
): Pick<PolicyModel, 'tier' | 'tierSource'> {
  const tier = nonEmpty(readString(spec, 'tier', 'spec.tier', problems));
  if (tier !== undefined) return { tier, tierSource: 'spec' };
  const prefix = name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined;
  if (prefix !== undefined && [...BUILT_IN_TIERS, ...knownTiers].includes(prefix)) {
    return { tier: prefix, tierSource: 'name-prefix' };
  }
  return { tier: DEFAULT_TIER, tierSource: 'default' };
}

function readStagedAction(spec: unknown, problems: Problems): StagedAction {
  const value = readString(spec, 'stagedAction', 'spec.stagedAction', problems);
  if (value === undefined || value === '') return 'Set';
  const action = STAGED_ACTIONS.find((known) => known.toLowerCase() === value.toLowerCase());
  if (action === undefined)
    problems.push(`spec.stagedAction: unknown ${describeValue(value)}, read as Set`);
  return action ?? 'Set';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
