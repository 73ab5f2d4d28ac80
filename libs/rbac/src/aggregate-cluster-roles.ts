import { labelSelectorMatches } from './label-selector-matches';
import type { PolicyRule, RoleObject } from './rbac-snapshot';

/** A rule as the authorizer sees it, with where it came from when aggregation put it there. */
export interface EffectiveRule {
  rule: PolicyRule;
  /** Position in the role's effective rules. */
  index: number;
  /** The ClusterRole (a non-aggregating one) whose stored rule this is, for aggregated roles. */
  aggregatedFrom?: string;
  /** The rule's position in `aggregatedFrom`. */
  sourceIndex?: number;
}

interface Sourced {
  rule: PolicyRule;
  from: string;
  sourceIndex: number;
}

/**
 * A.5 on a converged controller: an aggregating ClusterRole's rules are the deep-equal-deduplicated
 * union of the roles its selectors pick (transitively, sorted by name, cycles cut), replacing its own.
 * Returns the effective rules of every ClusterRole by name.
 */
export function aggregateClusterRoles(
  clusterRoles: readonly RoleObject[],
): Map<string, EffectiveRule[]> {
  const byName = new Map(clusterRoles.map((role) => [role.name, role]));
  const sortedNames = [...byName.keys()].sort();
  const selected = new Map<string, string[]>();
  for (const role of clusterRoles) {
    const selectors = role.aggregationRule?.clusterRoleSelectors ?? [];
    if (selectors.length === 0) continue;
    selected.set(
      role.name,
      selectors.flatMap((selector) =>
        sortedNames.filter(
          (other) =>
            other !== role.name && labelSelectorMatches(selector, byName.get(other)?.labels ?? {}),
        ),
      ),
    );
  }

  // Results that did not depend on a cut cycle are the same from every starting point: memoise them.
  const settled = new Map<string, Sourced[]>();
  const resolve = (name: string, path: Set<string>): { rules: Sourced[]; cut: boolean } => {
    const known = settled.get(name);
    if (known) return { rules: known, cut: false };
    const role = byName.get(name);
    if (!role) return { rules: [], cut: false };
    const picks = selected.get(name);
    if (!picks) {
      const own = role.rules.map((rule, sourceIndex) => ({ rule, from: name, sourceIndex }));
      settled.set(name, own);
      return { rules: own, cut: false };
    }
    path.add(name);
    const out: Sourced[] = [];
    const seen = new Set<string>();
    let cut = false;
    for (const other of picks) {
      if (path.has(other)) {
        cut = true;
        continue;
      }
      const inner = resolve(other, path);
      cut ||= inner.cut;
      for (const sourced of inner.rules) {
        const key = ruleKey(sourced.rule);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(sourced);
      }
    }
    path.delete(name);
    if (!cut) settled.set(name, out);
    return { rules: out, cut };
  };

  const effective = new Map<string, EffectiveRule[]>();
  for (const name of sortedNames) {
    const aggregating = selected.has(name);
    effective.set(
      name,
      resolve(name, new Set()).rules.map((sourced, index) =>
        aggregating
          ? {
              rule: sourced.rule,
              index,
              aggregatedFrom: sourced.from,
              sourceIndex: sourced.sourceIndex,
            }
          : { rule: sourced.rule, index },
      ),
    );
  }
  return effective;
}

/** Deep equality of rules as Kubernetes' semantic DeepEqual sees it (nil and empty lists alike). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.verbs,
    rule.apiGroups,
    rule.resources,
    rule.resourceNames,
    rule.nonResourceURLs,
  ]);
}
