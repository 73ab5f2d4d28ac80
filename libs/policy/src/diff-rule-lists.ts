import { alignLists } from './align-lists';
import type { PolicyScope } from './compare-entities';
import { compareRules } from './compare-rules';
import { describeRule, ruleLabel } from './describe-rule';
import { canonicalText } from './json-value';
import { addedRuleRisk, removedRuleRisk } from './rule-risk';
import type { SemanticChange } from './semantic-change';
import type { Direction, RuleModel } from './to-rule-model';

export interface RuleListContext {
  direction: Direction;
  scope: PolicyScope;
  kubernetes: boolean;
}

/** What a rule matches and does, without where it sits: two rules with the same key are the same rule. */
function ruleKey(rule: RuleModel): string {
  const { path: _path, position: _position, part: _part, ...content } = rule;
  return canonicalText(content);
}

/** Rules are ordered (first match wins): align the two lists, then describe each difference. */
export function diffRuleLists(
  before: readonly RuleModel[],
  after: readonly RuleModel[],
  context: RuleListContext,
): SemanticChange[] {
  return alignLists(before, after, ruleKey).flatMap((entry): SemanticChange[] => {
    switch (entry.kind) {
      case 'same':
        return [];
      case 'edited':
        return compareRules(
          before[entry.before] as RuleModel,
          after[entry.after] as RuleModel,
          context,
        );
      case 'moved':
        return [
          movedRule(
            before[entry.before] as RuleModel,
            after[entry.after] as RuleModel,
            after,
            context,
          ),
        ];
      case 'added':
        return [addedRule(after[entry.after] as RuleModel, context.direction)];
      case 'removed':
        return [removedRule(before[entry.before] as RuleModel, context.direction)];
      default: {
        const unhandled: never = entry;
        return unhandled;
      }
    }
  });
}

function addedRule(rule: RuleModel, direction: Direction): SemanticChange {
  return {
    type: 'rule-added',
    risk: addedRuleRisk(rule, direction),
    summary: `${ruleLabel(rule, direction)} added: ${describeRule(rule, direction)}`,
    path: rule.path,
    details: { rule: describeRule(rule, direction) },
  };
}

function removedRule(rule: RuleModel, direction: Direction): SemanticChange {
  return {
    type: 'rule-removed',
    risk: removedRuleRisk(rule, direction),
    summary: `${ruleLabel(rule, direction)} removed: ${describeRule(rule, direction)}`,
    path: rule.path,
    details: { rule: describeRule(rule, direction) },
  };
}

/** Order only matters between rules with different actions. */
function movedRule(
  before: RuleModel,
  after: RuleModel,
  all: readonly RuleModel[],
  context: RuleListContext,
): SemanticChange {
  const mixedActions = new Set(all.map((rule) => rule.action)).size > 1;
  return {
    type: 'rule-moved',
    risk: mixedActions ? 'medium' : 'low',
    summary: `${ruleLabel(before, context.direction)} (${describeRule(after, context.direction)}) moved to position ${after.position}`,
    path: after.path,
    details: { from: before.position, to: after.position },
  };
}
