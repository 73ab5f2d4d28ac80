import { parseSelector, type SelectorNode } from './parse-selector';

/**
 * How much a selector selects: everything (all(), empty), broad (open-ended: has(k), !=, not in,
 * negations), narrow (equality, in, contains...), or unparsable (we say so rather than guess).
 */
export type SelectorBreadth = 'everything' | 'broad' | 'narrow' | 'unparsable';

const RANK = { narrow: 0, broad: 1, everything: 2 } as const;
type KnownBreadth = keyof typeof RANK;

export function selectorBreadth(selector: string | undefined): SelectorBreadth {
  const parsed = parseSelector(selector ?? '');
  return parsed.ok ? breadthOf(parsed.ast) : 'unparsable';
}

export function selectsEverything(selector: string | undefined): boolean {
  return selectorBreadth(selector) === 'everything';
}

/** Orders breadths for comparisons; unparsable has no rank. */
export function breadthRank(breadth: SelectorBreadth): number | undefined {
  return breadth === 'unparsable' ? undefined : RANK[breadth];
}

function breadthOf(node: SelectorNode): KnownBreadth {
  switch (node.type) {
    case 'all':
      return 'everything';
    case 'has':
      return 'broad';
    case 'global':
      return 'narrow';
    case 'compare':
      return node.operator === '!=' ? 'broad' : 'narrow';
    case 'in':
      return node.negated ? 'broad' : 'narrow';
    case 'not':
      return breadthOf(node.operand) === 'everything' ? 'narrow' : 'broad';
    case 'and':
      return RANK[breadthOf(node.left)] <= RANK[breadthOf(node.right)]
        ? breadthOf(node.left)
        : breadthOf(node.right);
    case 'or':
      return RANK[breadthOf(node.left)] >= RANK[breadthOf(node.right)]
        ? breadthOf(node.left)
        : breadthOf(node.right);
    default: {
      const unhandled: never = node;
      return unhandled;
    }
  }
}
