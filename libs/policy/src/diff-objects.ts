import { describeLabelChanges, hasLabelChanges, labelChanges } from './describe-labels';
import type { DiffContext, RbacObjectChange } from './diff-context';
import { diffFelixConfigurations } from './diff-felix-configurations';
import { diffHostEndpoints, hostEndpointCreated, hostEndpointDeleted } from './diff-host-endpoints';
import { diffNamespaces } from './diff-namespaces';
import { diffNetworkSets } from './diff-network-sets';
import { diffPolicies } from './diff-policies';
import { describeSubject, diffRoleBindings } from './diff-role-bindings';
import { diffRoles } from './diff-roles';
import { diffTiers } from './diff-tiers';
import { diffUnmodelledFields } from './diff-unmodelled-fields';
import { getOwn, isJsonObject, jsonEqual } from './json-value';
import { familyOf, type ObjectKind, resolveObjectKind } from './object-kind';
import { readMetadata } from './read-metadata';
import { type SemanticChange, sortChanges } from './semantic-change';
import { toFelixModel } from './to-felix-model';
import { toHostEndpointModel } from './to-host-endpoint-model';
import { toNamespaceModel } from './to-namespace-model';
import { toNetworkSetModel } from './to-network-set-model';
import { toPolicyModel } from './to-policy-model';
import { toRoleBindingModel } from './to-role-binding-model';
import { toRoleModel } from './to-role-model';
import { toTierModel } from './to-tier-model';

/**
 * The semantic difference between two versions of one object: `before` undefined means it was
 * created, `after` undefined that it was deleted (null counts as absent). `kind` is a kind
 * ("GlobalNetworkPolicy", "KubernetesNetworkPolicy") or plural resource ("globalnetworkpolicies");
 * an ambiguous one ("NetworkPolicy") is settled by the objects' apiVersion, a missing or unknown one
 * by their apiVersion/kind. For policies each side's own kind decides whether it is staged.
 * Never throws on odd input; bookkeeping (resourceVersion, managedFields, uid, annotations,
 * status...) is never compared. Sorted by risk (high first), then path.
 */
export function diffObjects(
  kind: string | undefined,
  before: unknown,
  after: unknown,
  context: DiffContext = {},
): SemanticChange[] {
  const was = before === null ? undefined : before;
  const now = after === null ? undefined : after;
  if (was === undefined && now === undefined) return [];
  const resolved = resolveObjectKind(kind, now, was);
  try {
    const changes =
      resolved === undefined
        ? diffUnknownKind(was, now)
        : diffKnownKind(resolved, was, now, context);
    return sortChanges(changes);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [tooDeep(error)];
  }
}

/** JSON.parse accepts nesting far deeper than any recursive walk can follow. */
function tooDeep(error: RangeError): SemanticChange {
  return {
    type: 'field-changed',
    risk: 'medium',
    summary: `The object is nested too deeply to compare (${error.message}); review it by hand`,
    path: '',
  };
}

function diffKnownKind(
  kind: ObjectKind,
  before: unknown,
  after: unknown,
  context: DiffContext,
): SemanticChange[] {
  const family = familyOf(kind);
  switch (family) {
    case 'policy':
      return diffPolicyObjects(kind, before, after, context);
    case 'tier':
      return [
        ...diffTiers(optional(before, toTierModel), optional(after, toTierModel)),
        ...unmodelled(before, after, { spec: ['order', 'defaultAction'] }),
      ];
    case 'network-set':
      return diffNetworkSetObjects(before, after);
    case 'host-endpoint':
      return diffHostEndpointObjects(before, after);
    case 'felix-configuration':
      return diffFelixObjects(before, after);
    case 'role':
      return [
        ...diffRoles(optional(before, toRoleModel), optional(after, toRoleModel)),
        ...unmodelled(before, after, { topLevel: ['rules', 'aggregationRule'], spec: [] }),
        ...askForTierEditors(kind, before, after, context),
      ];
    case 'role-binding':
      return [
        ...diffRoleBindings(
          optional(before, toRoleBindingModel),
          optional(after, toRoleBindingModel),
        ),
        ...unmodelled(before, after, { topLevel: ['subjects', 'roleRef'], spec: [] }),
        ...askForTierEditors(kind, before, after, context),
      ];
    case 'namespace':
      return diffNamespaces(optional(before, toNamespaceModel), optional(after, toNamespaceModel));
    default: {
      const unhandled: never = family;
      return unhandled;
    }
  }
}

function optional<T>(object: unknown, read: (object: unknown) => T): T | undefined {
  return object === undefined ? undefined : read(object);
}

/** Field-level fallback, only between two versions that both exist. */
function unmodelled(
  before: unknown,
  after: unknown,
  modelled: { spec?: readonly string[]; topLevel?: readonly string[] },
): SemanticChange[] {
  return before === undefined || after === undefined
    ? []
    : diffUnmodelledFields(before, after, modelled);
}

const CALICO_POLICY_FIELDS = [
  'tier',
  'order',
  'selector',
  'namespaceSelector',
  'serviceAccountSelector',
  'types',
  'ingress',
  'egress',
  'doNotTrack',
  'preDNAT',
  'applyOnForward',
  'stagedAction',
];
const KUBERNETES_POLICY_FIELDS = [
  'podSelector',
  'policyTypes',
  'ingress',
  'egress',
  'stagedAction',
];

function diffPolicyObjects(
  kind: ObjectKind,
  before: unknown,
  after: unknown,
  context: DiffContext,
): SemanticChange[] {
  const options = {
    kind,
    ...(context.knownTiers === undefined ? {} : { knownTiers: context.knownTiers }),
  };
  const was = optional(before, (object) => toPolicyModel(object, options));
  const now = optional(after, (object) => toPolicyModel(object, options));
  const sameKind = was !== undefined && now !== undefined && was.kind === now.kind;
  const kubernetes =
    now?.kind === 'KubernetesNetworkPolicy' || now?.kind === 'StagedKubernetesNetworkPolicy';
  return [
    ...diffPolicies(was, now, context),
    ...(sameKind
      ? unmodelled(before, after, {
          spec: kubernetes ? KUBERNETES_POLICY_FIELDS : CALICO_POLICY_FIELDS,
        })
      : []),
  ];
}

function diffNetworkSetObjects(before: unknown, after: unknown): SemanticChange[] {
  const was = optional(before, toNetworkSetModel);
  const now = optional(after, toNetworkSetModel);
  if (was !== undefined && now !== undefined) {
    return [
      ...diffNetworkSets(was, now, true),
      ...unmodelled(before, after, { spec: ['nets', 'allowedEgressDomains'] }),
    ];
  }
  const present = now ?? was;
  if (present === undefined) return [];
  const empty = { ...present, nets: [], domains: [] };
  const lifecycle: SemanticChange = {
    type: now === undefined ? 'object-deleted' : 'object-created',
    risk: 'low',
    summary: `${present.kind} ${present.name} ${now === undefined ? 'deleted' : 'created'} (${present.nets.length} nets, ${present.domains.length} domains)`,
  };
  return [
    lifecycle,
    ...(now === undefined
      ? diffNetworkSets(present, empty, false)
      : diffNetworkSets(empty, present, false)),
  ];
}

function diffHostEndpointObjects(before: unknown, after: unknown): SemanticChange[] {
  const was = optional(before, toHostEndpointModel);
  const now = optional(after, toHostEndpointModel);
  if (was === undefined) return now === undefined ? [] : [hostEndpointCreated(now)];
  if (now === undefined) return [hostEndpointDeleted(was)];
  return [
    ...diffHostEndpoints(was, now),
    ...unmodelled(before, after, {
      spec: ['node', 'interfaceName', 'expectedIPs', 'profiles', 'ports'],
    }),
  ];
}

/** A created or deleted configuration is compared with Felix's defaults, which apply without it. */
function diffFelixObjects(before: unknown, after: unknown): SemanticChange[] {
  const name = readMetadata(after ?? before, []).name;
  const defaults = toFelixModel({ metadata: { name }, spec: {} });
  const was = optional(before, toFelixModel) ?? defaults;
  const now = optional(after, toFelixModel) ?? defaults;
  const lifecycle: SemanticChange[] =
    before === undefined || after === undefined
      ? [
          {
            type: before === undefined ? 'object-created' : 'object-deleted',
            risk: 'low',
            summary: `FelixConfiguration ${name} ${before === undefined ? 'created' : 'deleted'} (compared with Felix's defaults)`,
          },
        ]
      : [];
  return [
    ...lifecycle,
    ...diffFelixConfigurations(was, now),
    ...unmodelled(before, after, {
      spec: [
        'wireguardEnabled',
        'wireguardEnabledV6',
        'bpfEnabled',
        'defaultEndpointToHostAction',
        'failsafeInboundHostPorts',
        'failsafeOutboundHostPorts',
      ],
    }),
  ];
}

function askForTierEditors(
  kind: ObjectKind,
  before: unknown,
  after: unknown,
  context: DiffContext,
): SemanticChange[] {
  const ask = context.callbacks?.newTierEditors;
  if (ask === undefined || !isRbacKind(kind)) return [];
  const change: RbacObjectChange = {
    kind,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
  try {
    return ask(change).map((editor) => {
      const tiers = editor.tiers.includes('*') ? 'every tier' : `tier ${editor.tiers.join(', ')}`;
      return {
        type: 'tier-editor-added' as const,
        risk: 'high' as const,
        summary: `${describeSubject(editor.subject)} can now edit ${tiers}${editor.via === undefined ? '' : ` (via ${editor.via})`}`,
        details: { subject: describeSubject(editor.subject), tiers: [...editor.tiers] },
      };
    });
  } catch (error) {
    return [
      {
        type: 'tier-editors-unknown',
        risk: 'medium',
        summary: `Could not tell who can now edit tiers: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}

function isRbacKind(kind: ObjectKind): kind is RbacObjectChange['kind'] {
  return (
    kind === 'Role' ||
    kind === 'ClusterRole' ||
    kind === 'RoleBinding' ||
    kind === 'ClusterRoleBinding'
  );
}

/** A kind this library does not model: lifecycle, labels and changed top-level fields, all low risk. */
function diffUnknownKind(before: unknown, after: unknown): SemanticChange[] {
  if (before === undefined || after === undefined) {
    const present = after ?? before;
    const kind = getOwn(present, 'kind');
    const name = readMetadata(present, []).name;
    const what = `${typeof kind === 'string' ? kind : 'Object'}${name === '' ? '' : ` ${name}`}`;
    return [
      {
        type: before === undefined ? 'object-created' : 'object-deleted',
        risk: 'low',
        summary: `${what} ${before === undefined ? 'created' : 'deleted'}`,
      },
    ];
  }
  if (!isJsonObject(before) || !isJsonObject(after)) {
    return jsonEqual(before, after)
      ? []
      : [
          {
            type: 'field-changed',
            risk: 'low',
            summary: 'The object was replaced by a value of another shape',
            path: '',
          },
        ];
  }
  const labels = labelChanges(readMetadata(before, []).labels, readMetadata(after, []).labels);
  const labelChange: SemanticChange[] = hasLabelChanges(labels)
    ? [
        {
          type: 'labels-changed',
          risk: 'low',
          summary: `Labels changed: ${describeLabelChanges(labels)}`,
          path: '/metadata/labels',
        },
      ]
    : [];
  return [...labelChange, ...diffUnmodelledFields(before, after, {})];
}
