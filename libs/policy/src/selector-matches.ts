import type { SelectorNode } from './parse-selector';

/** Calico semantics: `!=` and `not in` also match endpoints that lack the label. */
export function selectorMatches(
  node: SelectorNode,
  labels: Readonly<Record<string, string>>,
): boolean {
  switch (node.type) {
    case 'all':
      return true;
    case 'global':
      return false;
    case 'has':
      return Object.hasOwn(labels, node.key);
    case 'compare':
      return compareMatches(node.operator, labelOf(labels, node.key), node.value);
    case 'in': {
      const value = labelOf(labels, node.key);
      const member = value !== undefined && node.values.includes(value);
      return node.negated ? !member : member;
    }
    case 'not':
      return !selectorMatches(node.operand, labels);
    case 'and':
      return selectorMatches(node.left, labels) && selectorMatches(node.right, labels);
    case 'or':
      return selectorMatches(node.left, labels) || selectorMatches(node.right, labels);
    default: {
      const unhandled: never = node;
      return unhandled;
    }
  }
}

function labelOf(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function compareMatches(
  operator: '==' | '!=' | 'contains' | 'starts with' | 'ends with',
  value: string | undefined,
  expected: string,
): boolean {
  switch (operator) {
    case '==':
      return value === expected;
    case '!=':
      return value !== expected;
    case 'contains':
      return value?.includes(expected) ?? false;
    case 'starts with':
      return value?.startsWith(expected) ?? false;
    case 'ends with':
      return value?.endsWith(expected) ?? false;
    default: {
      const unhandled: never = operator;
      return unhandled;
    }
  }
}
