import {
  isAnyAddressCidr,
  type PolicyModel,
  type RuleModel,
  ruleMatchesAllTraffic,
  selectsEverything,
} from '@policy-ledger/policy';
import { listText, plural, policyRef } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { namespaceIsolationYaml } from './fix-snippets';
import { notAssessableNote } from './not-assessable-note';
import { policiesForNamespace } from './policies-for-namespace';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import {
  effectiveTier,
  isGlobalPolicy,
  isSystemNamespace,
  type Known,
  type NamespaceEntry,
  type Posture,
} from './read-posture';
import { REFERENCES } from './references';
import {
  maySelectPodsOf,
  type NamespaceRef,
  selectorTakesNamespace,
  wholeNamespaceCoverage,
} from './selects-whole-namespace';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-008',
  title: 'Tenant namespaces not isolated',
  severity: 'high',
  trigger:
    'With two or more tenant namespaces, one has no ingress policy ending in a deny, or an enforced ingress Allow rule admits every pod of another tenant namespace.',
  references: [REFERENCES.namespaceIsolation, REFERENCES.tiersAsGuardrails],
};

interface Breach {
  entry: NamespaceEntry;
  /** No enforced ingress policy selecting every pod ends in a deny. */
  open: boolean;
  admitting: Array<{ policy: Known<PolicyModel>; rule: RuleModel; tenants: string[] }>;
}

/**
 * Ingress only: a flow between two tenants is stopped if the receiving tenant admits no other
 * tenant. Specific shared-service allows (a pod selector other than all()) and CIDR sources are
 * not counted, as Calico Enterprise's "ingress from another namespace" does not count CIDRs.
 */
export const tenantIsolationRule = definePostureRule(META, (posture) => {
  const { tenants, undetermined } = tenantsOf(posture);
  if (tenants.length < 2) return [];
  const assessable = tenants.filter(
    (entry) => unknownEnforcedPolicies(posture, [entry.ref.name]).length === 0,
  );
  const unassessable = tenants.filter((entry) => !assessable.includes(entry));
  const admissions = admissionsOf(posture, tenants);
  const breaches = assessable.flatMap((entry) => breachOf(posture, entry, admissions) ?? []);
  const drafts: FindingDraft[] =
    breaches.length === 0 ? [] : [breachDraft(posture, breaches, tenants.length)];
  if (unassessable.length > 0) {
    const names = unassessable.map((entry) => entry.ref.name);
    drafts.push(
      notAssessableNote(
        META,
        unknownEnforcedPolicies(posture, names),
        `whether ${listText(names)} are isolated from other tenants`,
      ),
    );
  }
  if (undetermined.length > 0) drafts.push(undeterminedTenantsNote(posture, undetermined));
  return drafts;
});

function tenantsOf(posture: Posture): {
  tenants: NamespaceEntry[];
  undetermined: NamespaceEntry[];
} {
  const candidates = posture.namespaceEntries.filter(
    (entry) => !isSystemNamespace(posture, entry.ref.name),
  );
  const selector = posture.options.tenantNamespaceSelector;
  if (selector === undefined) return { tenants: candidates, undetermined: [] };
  const take = (entry: NamespaceEntry) => selectorTakesNamespace(selector, entry.ref);
  return {
    tenants: candidates.filter((entry) => take(entry) === 'yes'),
    undetermined: candidates.filter((entry) => take(entry) === 'maybe'),
  };
}

type Admission = Breach['admitting'][number];

/** Each enforced ingress Allow rule with the tenants it admits, computed once for all namespaces. */
function admissionsOf(posture: Posture, tenants: readonly NamespaceEntry[]): Admission[] {
  const refs = tenants.map((tenant) => tenant.ref);
  return ingressPolicies(posture).flatMap((policy) =>
    policy.model.ingress
      .filter((rule) => rule.action === 'Allow')
      .flatMap((rule) => {
        const admitted = admittedTenants(policy.model, rule, refs);
        return admitted.length === 0 ? [] : [{ policy, rule, tenants: admitted }];
      }),
  );
}

function breachOf(
  posture: Posture,
  entry: NamespaceEntry,
  admissions: readonly Admission[],
): Breach | undefined {
  const enders = policiesForNamespace(posture, entry.ref.name)
    .map(({ model }) => model)
    .filter(
      (model) => model.enforced && model.types.includes('Ingress') && endsInDeny(posture, model),
    );
  const open = wholeNamespaceCoverage(enders, entry.ref) === 'no';
  const admitting = admissions
    .filter((admission) => maySelectPodsOf(admission.policy.model, entry.ref))
    .map((admission) => ({
      ...admission,
      tenants: admission.tenants.filter((tenant) => tenant !== entry.ref.name),
    }))
    .filter((admission) => admission.tenants.length > 0);
  return open || admitting.length > 0 ? { entry, open, admitting } : undefined;
}

function ingressPolicies(posture: Posture): Known<PolicyModel>[] {
  return posture.policies.filter(({ model }) => model.enforced && model.types.includes('Ingress'));
}

/** What the policy does not allow ends in a deny: its tier's default, or its own catch-all Deny. */
function endsInDeny(posture: Posture, policy: PolicyModel): boolean {
  return (
    effectiveTier(posture, policy.tier).defaultAction === 'Deny' ||
    policy.ingress.some((rule) => rule.action === 'Deny' && ruleMatchesAllTraffic(rule))
  );
}

function admittedTenants(
  policy: PolicyModel,
  rule: RuleModel,
  tenants: readonly NamespaceRef[],
): string[] {
  const source = rule.source;
  if (source.serviceAccounts !== undefined || source.services !== undefined) return [];
  if (source.nets.length > 0 && !source.nets.some(isAnyAddressCidr)) return [];
  if (source.selector !== undefined && !selectsEverything(source.selector)) return [];
  const names = tenants.map((tenant) => tenant.name);
  if (source.namespaceSelector !== undefined) {
    const selector = source.namespaceSelector;
    return tenants
      .filter((other) => selectorTakesNamespace(selector, other) === 'yes')
      .map((other) => other.name);
  }
  // No namespaceSelector: a global policy's source spans namespaces; a namespaced one's selector stays home.
  return isGlobalPolicy(policy) || source.selector === undefined ? names : [];
}

function breachDraft(posture: Posture, breaches: readonly Breach[], tenants: number): FindingDraft {
  const open = breaches.filter((breach) => breach.open).map((breach) => breach.entry.ref.name);
  const admissions = new Map<string, { into: string[]; from: Set<string> }>();
  for (const breach of breaches) {
    for (const item of breach.admitting) {
      const key = `${policyRef(item.policy.model)} ingress rule ${item.rule.position}`;
      const found = admissions.get(key) ?? { into: [], from: new Set<string>() };
      found.into.push(breach.entry.ref.name);
      for (const tenant of item.tenants) found.from.add(tenant);
      admissions.set(key, found);
    }
  }
  const reasons = [
    ...(open.length === 0
      ? []
      : [
          `no ingress policy ending in a deny selects every pod of ${listText(open)}, so any namespace may connect`,
        ]),
    ...[...admissions.entries()].map(
      ([rule, { into, from }]) =>
        `${rule} admits ${from.size >= tenants - 1 ? 'every other tenant' : `pods of ${listText([...from])}`} into ${listText(into)}`,
    ),
  ];
  const policies = breaches.flatMap((breach) => breach.admitting.map((item) => item.policy.source));
  return {
    severity: 'high',
    description: `${plural(breaches.length, 'tenant namespace')} can be reached from other tenant namespaces: ${reasons.join('; ')}.`,
    evidence: evidenceOf(
      [
        ...breaches.flatMap((breach) =>
          breach.entry.source === undefined ? [] : [breach.entry.source],
        ),
        ...policies,
      ],
      `Tenant namespaces: ${posture.options.tenantNamespaceSelector === undefined ? 'every non-system namespace' : `namespaces matching ${posture.options.tenantNamespaceSelector}`}. Searched enforced ingress policies that may select their pods.`,
    ),
    fix: `Make every tenant namespace end ingress in a deny and admit only its own pods (plus specific shared services such as monitoring, by pod selector):\n${namespaceIsolationYaml(posture.options.tenantNamespaceSelector)}`,
  };
}

function undeterminedTenantsNote(
  posture: Posture,
  undetermined: readonly NamespaceEntry[],
): FindingDraft {
  const names = undetermined.map((entry) => entry.ref.name);
  return {
    title: `${META.title} (not assessable)`,
    severity: 'info',
    description: `Could not tell whether ${listText(names)} are tenant namespaces (${posture.options.tenantNamespaceSelector}): the ledger does not know their labels.`,
    evidence: { note: `Namespaces without known labels: ${names.join(', ')}.` },
    fix: `Track namespaces: run kubectl get namespaces -o json > snapshot.json, then policy-ledger import snapshot --cluster ${posture.cluster} snapshot.json.`,
  };
}
