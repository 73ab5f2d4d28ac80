import { Ability, type MatchConditions } from '@casl/ability';
import type { EffectiveRule } from './aggregate-cluster-roles';
import { type RbacRequest, resourceMatches, resourceNameMatches } from './rule-allows';

/**
 * One role's rules as a CASL ability. CASL's index does the exact-string, whole-element-wildcard
 * work of verbs (actions, `*` as anyAction) and API groups (subject types, `*` as anySubjectType);
 * the conditions matcher is NOT CASL's mongo language but the Kubernetes predicates for resources
 * and resourceNames. Rule priority follows the role's order, so `relevantRuleFor` names the first
 * rule Kubernetes would stop at.
 */
export type RoleAbility = Ability<[string, RequestSubject | string], RuleConditions>;

/** What a rule is checked against: the request's group, resource and name. */
export interface RequestSubject {
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly combined: string;
  readonly name: string;
}

export interface RuleConditions {
  readonly effective: EffectiveRule;
}

const ANY = '*';

/** CASL treats a falsy subject type as "any", so the core group "" needs a non-empty spelling. */
export function subjectTypeOf(apiGroup: string): string {
  return apiGroup === ANY ? ANY : `group:${apiGroup}`;
}

export function requestSubjectOf(request: RbacRequest): RequestSubject {
  return {
    apiGroup: request.apiGroup,
    resource: request.resource,
    subresource: request.subresource,
    combined:
      request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`,
    name: request.name,
  };
}

function matchRuleConditions({ effective }: RuleConditions): MatchConditions {
  const { rule } = effective;
  const matches = (subject: RequestSubject) =>
    resourceMatches(rule, subject.combined, subject.subresource) &&
    resourceNameMatches(rule, subject.name);
  return matches as unknown as MatchConditions;
}

export function compileRoleAbility(rules: readonly EffectiveRule[]): RoleAbility {
  const raw = [];
  // CASL gives later rules higher priority; reversed, the role's first rule wins.
  for (let i = rules.length - 1; i >= 0; i--) {
    const effective = rules[i] as EffectiveRule;
    const { verbs, apiGroups, resources } = effective.rule;
    if (verbs.length === 0 || apiGroups.length === 0 || resources.length === 0) continue;
    raw.push({
      action: [...verbs],
      subject: apiGroups.map(subjectTypeOf),
      conditions: { effective },
    });
  }
  return new Ability<[string, RequestSubject | string], RuleConditions>(raw, {
    anyAction: ANY,
    anySubjectType: ANY,
    conditionsMatcher: matchRuleConditions,
    detectSubjectType: (subject) => subjectTypeOf(subject.apiGroup),
  });
}

/** The first rule of the role that allows the request, via CASL's rule introspection. */
export function findAllowingRule(
  ability: RoleAbility,
  subject: RequestSubject,
  verb: string,
): EffectiveRule | undefined {
  return ability.relevantRuleFor(verb, subject)?.conditions?.effective;
}

/** Every rule of the role that grants `verb` on the group and resource, whatever their names. */
export function rulesGranting(
  ability: RoleAbility,
  verb: string,
  apiGroup: string,
  combined: string,
  subresource: string,
): EffectiveRule[] {
  const out: EffectiveRule[] = [];
  for (const rule of ability.rulesFor(verb, subjectTypeOf(apiGroup))) {
    const effective = rule.conditions?.effective;
    if (effective && resourceMatches(effective.rule, combined, subresource)) out.push(effective);
  }
  return out;
}

/**
 * Compiled abilities keyed by role identity and content hash, shareable by every engine of a
 * process (several clusters, modes, past instants): an unchanged role is compiled once. Bounded,
 * least recently used first out.
 */
export class RoleAbilityCache {
  private readonly entries = new Map<string, RoleAbility>();

  constructor(readonly maxEntries = 200_000) {}

  get(key: string, rules: readonly EffectiveRule[]): RoleAbility {
    let ability = this.entries.get(key);
    if (ability) {
      this.entries.delete(key);
      this.entries.set(key, ability);
      return ability;
    }
    ability = compileRoleAbility(rules);
    this.entries.set(key, ability);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return ability;
  }

  get size(): number {
    return this.entries.size;
  }
}
