import {
  describeValue,
  type Problems,
  readArray,
  readString,
  readStringList,
  readStringMap,
} from './field-readers';
import { isJsonObject } from './json-value';

/**
 * A Kubernetes LabelSelector ({matchLabels, matchExpressions}) written in Calico selector syntax,
 * as Calico itself converts it: an empty selector is all().
 */
export function labelSelectorToCalico(selector: unknown, path: string, problems: Problems): string {
  if (selector === undefined || selector === null) return 'all()';
  if (!isJsonObject(selector)) {
    problems.push(`${path}: expected a label selector, got ${describeValue(selector)}`);
    return 'all()';
  }
  const labels = readStringMap(selector, 'matchLabels', `${path}.matchLabels`, problems);
  const terms = Object.keys(labels)
    .sort()
    .map((key) => `${key} == ${quote(labels[key] ?? '')}`);
  const expressions = readArray(selector, 'matchExpressions', `${path}.matchExpressions`, problems);
  for (const [index, expression] of expressions.entries()) {
    const term = expressionTerm(expression, `${path}.matchExpressions[${index}]`, problems);
    if (term !== undefined) terms.push(term);
  }
  return terms.length === 0 ? 'all()' : terms.join(' && ');
}

function expressionTerm(expression: unknown, path: string, problems: Problems): string | undefined {
  const key = readString(expression, 'key', `${path}.key`, problems);
  const operator = readString(expression, 'operator', `${path}.operator`, problems);
  const values = readStringList(expression, 'values', `${path}.values`, problems);
  if (key === undefined) {
    problems.push(`${path}: missing key`);
    return undefined;
  }
  const set = `{${values.map(quote).join(', ')}}`;
  switch (operator) {
    case 'In':
      return `${key} in ${set}`;
    case 'NotIn':
      return `${key} not in ${set}`;
    case 'Exists':
      return `has(${key})`;
    case 'DoesNotExist':
      return `!has(${key})`;
    default:
      problems.push(`${path}.operator: unknown operator ${describeValue(operator)}`);
      return undefined;
  }
}

function quote(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
