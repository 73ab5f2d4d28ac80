import {
  type PolicyModel,
  type SelectorNode,
  selectorMatches,
  selectsEverything,
} from '@policy-ledger/policy';
import { parseSelectorCached } from './parse-selector-cached';
import { isGlobalPolicy } from './read-posture';

/** A namespace as selectors see it: its name and its labels. */
export interface NamespaceRef {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** False when only the name is known (no Namespace object of known state): labels answer "maybe". */
  labelsKnown?: boolean;
}

/** Stands for a namespace created after the period end, with no labels: what "global" must cover. */
export const NEW_NAMESPACE_PROBE: NamespaceRef = {
  name: '(a namespace created later)',
  labels: {},
};

/** Labels every pod of a namespace carries in Calico, whatever its own labels. */
const POD_KEYS_KNOWN_FROM_NAMESPACE = [
  'projectcalico.org/namespace',
  'projectcalico.org/orchestrator',
];

const NAME_KEYS = ['projectcalico.org/name', 'kubernetes.io/metadata.name'];

/** yes: for every pod; no: for none; maybe: depends on labels we cannot see (the pods'). */
export type Tri = 'yes' | 'no' | 'maybe';

export function podLabelsOf(namespace: string): Record<string, string> {
  return { 'projectcalico.org/namespace': namespace, 'projectcalico.org/orchestrator': 'k8s' };
}

/** Calico adds projectcalico.org/name; Kubernetes adds kubernetes.io/metadata.name. */
export function namespaceLabelsOf(namespace: NamespaceRef): Record<string, string> {
  return {
    ...namespace.labels,
    'projectcalico.org/name': namespace.name,
    'kubernetes.io/metadata.name': namespace.name,
  };
}

/**
 * Whether a policy applies to the pods of a namespace. Pod labels are not in the inventory, so a
 * selector on them answers "maybe"; only selectors on namespace-derived labels can answer for
 * every pod (all(), projectcalico.org/namespace not in {...}).
 */
export function policySelectsPodsOf(policy: PolicyModel, namespace: NamespaceRef): Tri {
  return and(namespaceScope(policy, namespace), podScope(policy, namespace));
}

export function selectsWholeNamespace(policy: PolicyModel, namespace: NamespaceRef): boolean {
  return policySelectsPodsOf(policy, namespace) === 'yes';
}

export function maySelectPodsOf(policy: PolicyModel, namespace: NamespaceRef): boolean {
  return policySelectsPodsOf(policy, namespace) !== 'no';
}

/**
 * Whether some of the policies select every pod of the namespace: "maybe" only when the answer
 * hangs on the namespace's labels, which are unknown (no Namespace object of known state).
 */
export function wholeNamespaceCoverage(
  policies: readonly PolicyModel[],
  namespace: NamespaceRef,
): Tri {
  if (policies.some((policy) => selectsWholeNamespace(policy, namespace))) return 'yes';
  const hangsOnLabels = policies.some(
    (policy) =>
      namespaceScope(policy, namespace) === 'maybe' && podScope(policy, namespace) === 'yes',
  );
  return namespace.labelsKnown === false && hangsOnLabels ? 'maybe' : 'no';
}

/** Whether the policy's namespace (or, for a global policy, namespaceSelector) takes in the namespace. */
export function namespaceScope(policy: PolicyModel, namespace: NamespaceRef): Tri {
  if (!isGlobalPolicy(policy)) return policy.namespace === namespace.name ? 'yes' : 'no';
  if (policy.namespaceSelector === undefined) return 'yes';
  return selectorTakesNamespace(policy.namespaceSelector, namespace);
}

/** A namespaceSelector against a namespace: only name keys are known when its labels are not. */
export function selectorTakesNamespace(selector: string, namespace: NamespaceRef): Tri {
  const known = namespace.labelsKnown !== false;
  return evaluateSelector(
    selector,
    namespaceLabelsOf(namespace),
    (key) => known || NAME_KEYS.includes(key),
  );
}

/** Whether the selector (and service-account selector) takes in the namespace's pods. */
function podScope(policy: PolicyModel, namespace: NamespaceRef): Tri {
  const pods = evaluateSelector(policy.selector, podLabelsOf(namespace.name), (key) =>
    POD_KEYS_KNOWN_FROM_NAMESPACE.includes(key),
  );
  const serviceAccounts =
    policy.serviceAccountSelector === undefined || selectsEverything(policy.serviceAccountSelector)
      ? 'yes'
      : 'maybe';
  return and(pods, serviceAccounts);
}

/** Three-valued (Kleene) evaluation: labels whose keys are not known answer "maybe". */
export function evaluateSelector(
  selector: string,
  labels: Readonly<Record<string, string>>,
  isKnownKey: (key: string) => boolean,
): Tri {
  const parsed = parseSelectorCached(selector);
  return parsed.ok ? evaluateNode(parsed.ast, labels, isKnownKey) : 'maybe';
}

function evaluateNode(
  node: SelectorNode,
  labels: Readonly<Record<string, string>>,
  isKnownKey: (key: string) => boolean,
): Tri {
  switch (node.type) {
    case 'all':
    case 'global':
      return selectorMatches(node, labels) ? 'yes' : 'no';
    case 'has':
    case 'compare':
    case 'in':
      if (!isKnownKey(node.key)) return 'maybe';
      return selectorMatches(node, labels) ? 'yes' : 'no';
    case 'not':
      return not(evaluateNode(node.operand, labels, isKnownKey));
    case 'and':
      return and(
        evaluateNode(node.left, labels, isKnownKey),
        evaluateNode(node.right, labels, isKnownKey),
      );
    case 'or':
      return or(
        evaluateNode(node.left, labels, isKnownKey),
        evaluateNode(node.right, labels, isKnownKey),
      );
    default: {
      const unhandled: never = node;
      return unhandled;
    }
  }
}

function not(value: Tri): Tri {
  return value === 'yes' ? 'no' : value === 'no' ? 'yes' : 'maybe';
}

function and(left: Tri, right: Tri): Tri {
  if (left === 'no' || right === 'no') return 'no';
  return left === 'yes' && right === 'yes' ? 'yes' : 'maybe';
}

function or(left: Tri, right: Tri): Tri {
  if (left === 'yes' || right === 'yes') return 'yes';
  return left === 'no' && right === 'no' ? 'no' : 'maybe';
}
