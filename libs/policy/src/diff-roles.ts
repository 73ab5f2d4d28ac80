import { listText } from './describe-rule';
import { canonicalText } from './json-value';
import {
  bypassesTierRbac,
  ESCALATION_VERBS,
  expandGrants,
  type Grant,
  grantCovers,
  grantKey,
  isEscalationVerb,
  isPolicyEdit,
  isTierEdit,
  isWildcardResource,
  isWildcardVerb,
  tierOfGrant,
  WRITE_VERBS,
} from './rbac-grants';
import type { SemanticChange } from './semantic-change';
import type { RbacRule, RoleModel } from './to-role-model';

/** Created roles are compared with an empty role; deleted ones only removes grants, so it is low risk. */
export function diffRoles(
  before: RoleModel | undefined,
  after: RoleModel | undefined,
): SemanticChange[] {
  if (after === undefined) {
    if (before === undefined) return [];
    return [
      {
        type: 'object-deleted',
        risk: 'low',
        summary: `${before.kind} ${before.name} deleted (${before.rules.length} rules)`,
        details: { rules: before.rules.length },
      },
    ];
  }
  const base = before ?? { ...after, rules: [], aggregationTargets: [], aggregationSelectors: [] };
  const created: SemanticChange[] =
    before === undefined
      ? [
          {
            type: 'object-created',
            risk: 'low',
            summary: `${after.kind} ${after.name} created (${after.rules.length} rules)`,
            details: { rules: after.rules.length },
          },
        ]
      : [];
  return [...created, ...diffRules(base, after), ...diffAggregation(base, after)];
}

function rbacRuleKey(rule: RbacRule): string {
  const { path: _path, position: _position, ...content } = rule;
  return canonicalText(content);
}

/** "get, list on projectcalico.org tiers [default]", "get on /metrics". */
function describeRbacRule(rule: RbacRule): string {
  const verbs = listText(rule.verbs);
  const groups = rule.apiGroups.map((group) => (group === '' ? 'core' : group));
  const resources =
    rule.resources.length > 0 ? `${listText(groups)} ${listText(rule.resources)}` : '';
  const names = rule.resourceNames.length > 0 ? ` [${listText(rule.resourceNames)}]` : '';
  const urls = rule.nonResourceURLs.length > 0 ? listText(rule.nonResourceURLs) : '';
  return `${verbs} on ${[resources + names, urls].filter((part) => part !== '').join(' and ') || 'nothing'}`;
}

/** RBAC rules are a set: a rule is added or removed; what an added rule newly grants is classified. */
function diffRules(before: RoleModel, after: RoleModel): SemanticChange[] {
  const beforeKeys = new Set(before.rules.map(rbacRuleKey));
  const afterKeys = new Set(after.rules.map(rbacRuleKey));
  const existing = heldGrants(before.rules);
  const removed = before.rules.filter((rule) => !afterKeys.has(rbacRuleKey(rule)));
  const added = after.rules.filter((rule) => !beforeKeys.has(rbacRuleKey(rule)));
  return [
    ...removed.map(
      (rule): SemanticChange => ({
        type: 'rule-removed',
        risk: 'low',
        summary: `Rule ${rule.position} removed: ${describeRbacRule(rule)}`,
        path: rule.path,
        details: { rule: describeRbacRule(rule) },
      }),
    ),
    ...added.flatMap((rule): SemanticChange[] => [
      {
        type: 'rule-added',
        risk: 'low',
        summary: `Rule ${rule.position} added: ${describeRbacRule(rule)}`,
        path: rule.path,
        details: { rule: describeRbacRule(rule) },
      },
      ...classifyGrants(rule, newGrants(rule, existing)),
    ]),
  ];
}

interface HeldGrants {
  keys: ReadonlySet<string>;
  grants: readonly Grant[];
}

function heldGrants(rules: readonly RbacRule[]): HeldGrants {
  const grants = rules.flatMap(
    (rule) => expandGrants(rule) ?? expandGrants(reduceRule(rule)) ?? [],
  );
  return { keys: new Set(grants.map(grantKey)), grants };
}

/** Grants the rule gives that no rule gave before, wildcards included. */
function newGrants(rule: RbacRule, held: HeldGrants): Grant[] {
  const grants = expandGrants(rule) ?? expandGrants(reduceRule(rule)) ?? [];
  return grants.filter(
    (grant) =>
      !held.keys.has(grantKey(grant)) &&
      !held.grants.some((existing) => grantCovers(existing, grant)),
  );
}

/** A rule too large to expand keeps the entries that findings look at, and a few others. */
function reduceRule(rule: RbacRule): RbacRule {
  const keep = (values: readonly string[], wanted: (value: string) => boolean, others: number) => [
    ...new Set([...values.filter(wanted), ...values.slice(0, others)]),
  ];
  return {
    ...rule,
    verbs: keep(
      rule.verbs,
      (verb) => WRITE_VERBS.includes(verb) || ESCALATION_VERBS.includes(verb),
      3,
    ),
    apiGroups: keep(
      rule.apiGroups,
      (group) => group === '*' || group.includes('projectcalico') || group === 'networking.k8s.io',
      3,
    ),
    resources: keep(
      rule.resources,
      (resource) => resource === '*' || resource.includes('polic') || resource === 'tiers',
      3,
    ),
    resourceNames: rule.resourceNames.slice(0, 10),
    nonResourceURLs: keep(rule.nonResourceURLs, (url) => url.endsWith('*'), 3),
  };
}

function classifyGrants(rule: RbacRule, grants: readonly Grant[]): SemanticChange[] {
  const where = `Rule ${rule.position}`;
  const changes: SemanticChange[] = [];
  const distinct = (values: readonly string[]) => [...new Set(values)].sort();
  if (grants.some(isWildcardVerb)) {
    changes.push({
      type: 'wildcard-verbs-added',
      risk: 'high',
      summary: `${where} grants every verb (*): ${describeRbacRule(rule)}`,
      path: `${rule.path}/verbs`,
    });
  }
  if (grants.some(isWildcardResource)) {
    changes.push({
      type: 'wildcard-resources-added',
      risk: 'high',
      summary: `${where} grants wildcard resources or API groups (*): ${describeRbacRule(rule)}`,
      path: `${rule.path}/resources`,
    });
  }
  const escalation = distinct(grants.filter(isEscalationVerb).map((grant) => grant.verb));
  if (escalation.length > 0) {
    changes.push({
      type: 'escalation-verb-granted',
      risk: 'high',
      summary: `${where} grants ${escalation.join(', ')}: ${describeRbacRule(rule)}`,
      path: `${rule.path}/verbs`,
      details: { verbs: escalation },
    });
  }
  changes.push(
    ...tierEdit(rule, grants.filter(isTierEdit)),
    ...policyEdit(rule, grants.filter(isPolicyEdit)),
  );
  return changes;
}

/** Editing the tiers themselves, or every tier's policies, is high; one tier's policies is medium. */
function tierEdit(rule: RbacRule, grants: readonly Grant[]): SemanticChange[] {
  if (grants.length === 0) return [];
  const tiers = [...new Set(grants.map(tierOfGrant))].sort();
  const verbs = [...new Set(grants.map((grant) => grant.verb))].sort();
  const editsTiers = grants.some(
    (grant) => grant.kind === 'resource' && grant.resource === 'tiers',
  );
  const scope = tiers.includes('*')
    ? 'all tiers'
    : `tier${tiers.length === 1 ? '' : 's'} ${listText(tiers)}`;
  return [
    {
      type: 'tier-edit-granted',
      risk: tiers.includes('*') || editsTiers ? 'high' : 'medium',
      summary: `Rule ${rule.position} grants ${listText(verbs)} on ${editsTiers ? 'tier settings or policies' : 'policies'} in ${scope}`,
      path: rule.path,
      details: { tiers, verbs },
    },
  ];
}

function policyEdit(rule: RbacRule, grants: readonly Grant[]): SemanticChange[] {
  if (grants.length === 0) return [];
  const resources = [
    ...new Set(grants.map((grant) => (grant.kind === 'resource' ? grant.resource : ''))),
  ].sort();
  const bypass = grants.some(bypassesTierRbac);
  return [
    {
      type: 'policy-edit-granted',
      risk: bypass ? 'high' : 'medium',
      summary: `Rule ${rule.position} grants writing ${listText(resources)}${bypass ? ' through crd.projectcalico.org (around tier RBAC)' : ''}`,
      path: rule.path,
      details: { resources },
    },
  ];
}

/** aggregate-to-admin/edit puts this role's rules into every namespace admin's or editor's hands. */
function diffAggregation(before: RoleModel, after: RoleModel): SemanticChange[] {
  const added = after.aggregationTargets.filter(
    (target) => !before.aggregationTargets.includes(target),
  );
  const removed = before.aggregationTargets.filter(
    (target) => !after.aggregationTargets.includes(target),
  );
  const changes: SemanticChange[] = [
    ...added.map(
      (target): SemanticChange => ({
        type: 'aggregation-label-added',
        risk: target === 'admin' || target === 'edit' ? 'high' : 'medium',
        summary: `${after.kind} ${after.name} now aggregates into ${target} (${after.rules.length} rules widen it)`,
        path: '/metadata/labels',
        details: { target },
      }),
    ),
    ...removed.map(
      (target): SemanticChange => ({
        type: 'aggregation-label-removed',
        risk: 'low',
        summary: `${after.kind} ${after.name} no longer aggregates into ${target}`,
        path: '/metadata/labels',
        details: { target },
      }),
    ),
  ];
  if (canonicalText(before.aggregationSelectors) !== canonicalText(after.aggregationSelectors)) {
    changes.push({
      type: 'aggregation-rule-changed',
      risk: 'medium',
      summary: `${after.kind} ${after.name} aggregation rule changed: it now collects rules from other roles by different labels`,
      path: '/aggregationRule',
      details: { from: before.aggregationSelectors, to: after.aggregationSelectors },
    });
  }
  return changes;
}
