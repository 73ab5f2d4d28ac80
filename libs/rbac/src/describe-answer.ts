import type { CanIAnswer, CanIChecks, CheckResult } from './can-i';
import { type Identity, MASTERS } from './normalize-identity';
import { formatResourceRef } from './parse-resource-ref';
import type { DecisionPlan, RbacMode } from './plan-decision';
import type { SubjectRef } from './rbac-snapshot';
import type { RbacRequest } from './rule-allows';
import type { TierEditorsAnswer } from './tier-editors';
import type { Grant, GrantPath } from './visit-rules-for';
import type { WhoCanAnswer } from './who-can';

/** A subject in words, with the special groups spelled out. */
export function describeSubject(subject: SubjectRef): string {
  switch (subject.kind) {
    case 'User':
      return `User ${subject.name}`;
    case 'ServiceAccount':
      return `ServiceAccount ${subject.namespace}/${subject.name}`;
    case 'Group':
      return describeGroup(subject.name);
    default: {
      const unhandled: never = subject;
      return unhandled;
    }
  }
}

function describeGroup(name: string): string {
  if (name === 'system:authenticated')
    return 'every authenticated user (Group system:authenticated)';
  if (name === 'system:unauthenticated')
    return 'every anonymous request (Group system:unauthenticated)';
  if (name === 'system:serviceaccounts')
    return 'every service account (Group system:serviceaccounts)';
  if (name.startsWith('system:serviceaccounts:'))
    return `every service account in namespace ${name.slice('system:serviceaccounts:'.length)} (Group ${name})`;
  if (name === MASTERS)
    return 'members of system:masters, allowed outside RBAC (Group system:masters)';
  return `Group ${name}`;
}

/** `User alice ← ClusterRoleBinding x → ClusterRole y (aggregated from z), rule #0 {…}` */
export function describeGrant(grant: Grant): string {
  const b = grant.binding;
  const r = grant.role;
  const binding = `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`;
  const role = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}${r.aggregatedFrom ? ` (aggregated from ${r.aggregatedFrom})` : ''}`;
  return `${describeSubject(grant.subject)} ← ${binding} → ${role}, rule #${grant.rule.index} ${describeRule(grant.rule)}`;
}

/** `update tier.networkpolicies.projectcalico.org "t1.*" in namespace ns1` */
export function describeRequest(request: RbacRequest): string {
  const resource = formatResourceRef(request);
  const name = request.name === '' ? '' : ` "${request.name}"`;
  const scope = request.namespace === '' ? 'cluster scope' : `namespace ${request.namespace}`;
  return `${request.verb} ${resource}${name} (${scope})`;
}

function who(identity: Identity): string {
  return identity.user !== undefined
    ? `User "${identity.user}"`
    : `A member of ${identity.groups.map((g) => `"${g}"`).join(', ')}`;
}

/** Which check failed, worded as the Kubernetes or Calico Forbidden message would be. */
export function describeDenial(identity: Identity, plan: DecisionPlan, checks: CanIChecks): string {
  if (checks.admission && !checks.admission.allowed) return checks.admission.reason;
  const resource = formatResourceRef(plan.ref);
  if (!checks.base.allowed) {
    const scope =
      plan.namespace === '' ? 'at the cluster scope' : `in the namespace "${plan.namespace}"`;
    const combined =
      plan.ref.subresource === ''
        ? plan.ref.resource
        : `${plan.ref.resource}/${plan.ref.subresource}`;
    const prefix = plan.name === '' ? '' : `${resource} "${plan.name}" is forbidden: `;
    return `${prefix}${who(identity)} cannot ${plan.verb} resource "${combined}" in API group "${plan.ref.apiGroup}" ${scope}`;
  }
  const webhook =
    plan.mode === 'webhook' && plan.kind && plan.verb === 'patch'
      ? ` (the webhook checks patch as update on tier.${plan.kind})`
      : '';
  const inNamespace = plan.namespace === '' ? '' : ` and namespace "${plan.namespace}"`;
  const cannotGet = ' (user cannot get tier)';
  if (plan.unselected)
    return `${who(identity)} cannot ${plan.verb} ${resource} in any tier${inNamespace.replace(' and', '')}${checks.tierGet?.allowed ? '' : cannotGet}`;
  const failed = (check: CheckResult | undefined) => check !== undefined && !check.allowed;
  if (failed(checks.tierGet) || failed(checks.tierVerb))
    return `${who(identity)} cannot ${plan.verb} ${resource} in tier "${plan.tier}"${inNamespace}${failed(checks.tierGet) ? cannotGet : ''}${webhook}`;
  if (failed(checks.newTierGet) || failed(checks.newTierVerb))
    return `${who(identity)} cannot ${plan.verb} ${resource} in tier "${plan.newTier}"${inNamespace}${failed(checks.newTierGet) ? cannotGet : ''} (moving the policy from tier "${plan.tier}")${webhook}`;
  return `${who(identity)} cannot ${plan.verb} ${resource}`;
}

const CHECK_LABELS: Record<keyof Omit<CanIChecks, 'admission'>, string> = {
  base: 'base',
  tierGet: 'tier get',
  tierVerb: 'tier verb',
  newTierGet: 'new tier get',
  newTierVerb: 'new tier verb',
};

/** A readable account of a can-i answer: the verdict, each check with its chains, the failing one. */
export function renderCanI(answer: CanIAnswer, mode: RbacMode): string[] {
  const r = answer.request;
  const where = [
    r.tier !== undefined ? `tier "${r.tier}"` : '',
    r.newTier !== undefined ? `moving to tier "${r.newTier}"` : '',
    r.namespace !== '' ? `namespace "${r.namespace}"` : 'cluster scope',
  ].filter(Boolean);
  const lines = [
    `${answer.allowed ? 'ALLOWED' : 'DENIED'}: ${answer.identity.user ?? 'member'} ${answer.allowed ? 'can' : 'cannot'} ${r.verb} ${r.resource}${r.name ? ` "${r.name}"` : ''} in ${where.join(', ')} (${mode} mode)`,
    `identity: ${answer.identity.user ? `user ${answer.identity.user}, ` : ''}groups ${answer.identity.groups.join(', ') || '(none)'}`,
  ];
  if (answer.bypass) lines.push('system:masters: allowed before RBAC runs, every check bypassed');
  for (const [name, label] of Object.entries(CHECK_LABELS) as [
    keyof typeof CHECK_LABELS,
    string,
  ][]) {
    const check = answer.checks[name];
    if (!check) continue;
    lines.push(
      `${check.allowed ? '✔' : '✘'} ${label}: ${check.requests.map(describeRequest).join(' or ')}`,
    );
    for (const grant of check.via) lines.push(`    ${describeGrant(grant)}`);
    if (!check.allowed) lines.push('    no binding of this identity allows it');
  }
  if (answer.checks.admission)
    lines.push(
      `${answer.checks.admission.allowed ? '✔' : '✘'} admission: ${answer.checks.admission.reason}`,
    );
  if (answer.permittedTiers)
    lines.push(`permitted tiers: ${answer.permittedTiers.join(', ') || '(none)'}`);
  if (answer.denial) lines.push(`denied: ${answer.denial}`);
  for (const note of answer.notes) lines.push(`note: ${note}`);
  return lines;
}

export function renderWhoCan(answer: WhoCanAnswer, mode: RbacMode): string[] {
  const q = answer.request;
  const lines = [
    `who can ${q.verb} ${q.resource}${q.name ? ` "${q.name}"` : ''}${q.tier ? ` in tier "${q.tier}"` : ''}${q.namespace ? ` in namespace "${q.namespace}"` : ''} (${mode} mode; checks: ${answer.checks.join(', ')})`,
  ];
  if (answer.admission && !answer.admission.allowed)
    lines.push(`nobody: ${answer.admission.reason}`);
  lines.push(answer.subjects.length > 0 ? 'definitely:' : 'definitely: nobody');
  for (const entry of answer.subjects) {
    lines.push(`  ${entry.description}${entry.tiers ? ` (tiers: ${entry.tiers.join(', ')})` : ''}`);
    for (const [check, grants] of Object.entries(entry.via))
      for (const grant of grants ?? []) lines.push(`      ${check}: ${describeGrant(grant)}`);
  }
  if (answer.observed.length > 0) {
    lines.push('observed (from audit events, not authoritative):');
    for (const entry of answer.observed)
      lines.push(`  ${entry.description} via observed groups ${entry.viaGroups?.join(', ')}`);
  }
  if (answer.partial.length > 0) {
    lines.push(
      'partial (satisfy some checks on their own; a member also needs the rest from elsewhere):',
    );
    for (const entry of answer.partial)
      lines.push(
        `  ${entry.description}: has ${entry.satisfies.join(', ')}; missing ${entry.missing.join(', ')}`,
      );
  }
  for (const note of answer.notes) lines.push(`note: ${note}`);
  return lines;
}

const SHOWN_BINDINGS = 10;

/** `ClusterRole admin, rule #3 {…}` and the bindings handing it out (the first few in text). */
export function describeGrantPath(path: GrantPath, indent: string): string[] {
  const r = path.role;
  const role = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}${r.aggregatedFrom ? ` (aggregated from ${r.aggregatedFrom})` : ''}`;
  const lines = [`${indent}via ${role}, rule #${path.rule.index} ${describeRule(path.rule)}`];
  for (const { binding, subjects } of path.bindings.slice(0, SHOWN_BINDINGS))
    lines.push(
      `${indent}  bound by ${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name} to ${subjects.map(describeSubject).join(', ') || 'nobody'}`,
    );
  if (path.bindings.length > SHOWN_BINDINGS)
    lines.push(
      `${indent}  … and ${path.bindings.length - SHOWN_BINDINGS} more bindings (see --json)`,
    );
  return lines;
}

function describeRule(rule: GrantPath['rule']): string {
  const list = (values: readonly string[]) => values.map((v) => (v === '' ? '""' : v)).join(',');
  const names = rule.resourceNames.length > 0 ? ` resourceNames: ${list(rule.resourceNames)}` : '';
  return `{verbs: ${list(rule.verbs)} apiGroups: ${list(rule.apiGroups)} resources: ${list(rule.resources)}${names}}`;
}

export function renderTierEditors(answer: TierEditorsAnswer, mode: RbacMode): string[] {
  const lines = [
    `tier "${answer.tier}" (${mode} mode)${answer.protected ? ', protected' : ''}${answer.exists ? '' : ', not in the snapshot'}`,
  ];
  lines.push(
    answer.tierObject.length > 0
      ? 'tier object (update/patch/delete on tiers):'
      : 'tier object: nobody',
  );
  for (const entry of answer.tierObject)
    lines.push(
      `  ${entry.description}: ${entry.verbs.join(', ')}${entry.effectiveVerbs.length < entry.verbs.length ? ` (effective: ${entry.effectiveVerbs.join(', ') || 'none, protected tier'})` : ''}`,
    );
  lines.push(answer.policies.length > 0 ? 'policies:' : 'policies: no grant path');
  for (const path of answer.policies) {
    const scope =
      path.scope === 'cluster' ? 'cluster' : `namespaces ${path.scope.namespaces.join(', ')}`;
    const names = path.names === 'all' ? 'all names' : `names ${path.names.join(', ')}`;
    lines.push(`  ${path.kind} ${path.verbs.join(',')} — ${scope}, ${names}`);
    lines.push(...describeGrantPath(path, '      '));
    lines.push(
      `      definite: ${path.definite.map((d) => `${d.description} [${d.verbs.join(',')}]`).join('; ') || 'nobody on their own'}`,
    );
    for (const o of path.observed)
      lines.push(
        `      observed: ${o.description} [${o.verbs.join(',')}] via ${o.viaGroups.join(', ')}`,
      );
  }
  if (answer.nonTiered) {
    lines.push(
      answer.nonTiered.length > 0 ? 'non-tiered (plain RBAC, default tier):' : 'non-tiered: nobody',
    );
    for (const path of answer.nonTiered) {
      const scope =
        path.scope === 'cluster' ? 'cluster' : `namespaces ${path.scope.namespaces.join(', ')}`;
      lines.push(
        `  ${path.resource} ${path.verbs.join(',')} — ${scope}, ${path.names === 'all' ? 'all names' : `names ${path.names.join(', ')}`}`,
      );
      lines.push(...describeGrantPath(path, '      '));
    }
  }
  lines.push(answer.indirect.length > 0 ? 'indirect paths:' : 'indirect paths: none');
  for (const entry of answer.indirect)
    lines.push(
      `  ${entry.path}: ${entry.description} (${entry.targets.join('; ')})${entry.via[0] ? ` — ${describeGrant(entry.via[0])}` : ''}`,
    );
  for (const caveat of answer.caveats) lines.push(`caveat: ${caveat}`);
  return lines;
}
