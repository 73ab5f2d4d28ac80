import { uuidV5 } from '@policy-ledger/audit';

const SYNTHETIC_NAMESPACE = '0d4f5f4e-2f7b-5d0c-9a51-6c1f3b8e2a77';

/**
 * Builds synthetic audit.k8s.io/v1 Events (for the demo, benchmarks and end-to-end tests) shaped like the real ones (see the spec's Calico
 * Enterprise samples and the falco fixtures). Everything built here is synthetic, and named so.
 */
export interface SyntheticEventOptions {
  verb: string;
  apiGroup: string;
  apiVersion?: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  user: string;
  groups?: string[];
  impersonatedUser?: string;
  code: number;
  level?: 'Metadata' | 'Request' | 'RequestResponse';
  stage?: 'ResponseComplete' | 'ResponseStarted' | 'Panic';
  requestObject?: unknown;
  responseObject?: unknown;
  query?: string;
  at: string;
  auditID?: string;
  sourceIP?: string;
  authorizationReason?: string;
}

/** Deterministic: the same options give the same event (auditID included, unless given). */
export function syntheticAuditEvent(o: SyntheticEventOptions): Record<string, unknown> {
  const version = o.apiVersion ?? (o.apiGroup === 'projectcalico.org' ? 'v3' : 'v1');
  const base = o.apiGroup ? `/apis/${o.apiGroup}/${version}` : '/api/v1';
  const path = `${base}${o.namespace ? `/namespaces/${o.namespace}` : ''}/${o.resource}${o.name && o.verb !== 'create' ? `/${o.name}` : ''}${o.subresource ? `/${o.subresource}` : ''}`;
  const denied = o.code === 401 || o.code === 403;
  const level = o.level ?? 'RequestResponse';
  const received = `${new Date(Date.parse(o.at) - 3).toISOString().slice(0, 23)}000Z`;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level,
    auditID: o.auditID ?? uuidV5(SYNTHETIC_NAMESPACE, JSON.stringify(o)),
    stage: o.stage ?? 'ResponseComplete',
    requestURI: `${path}${o.query ? `?${o.query}` : ''}`,
    verb: o.verb,
    user: o.code === 401 ? {} : { username: o.user, groups: o.groups ?? ['system:authenticated'] },
    ...(o.impersonatedUser
      ? { impersonatedUser: { username: o.impersonatedUser, groups: ['system:authenticated'] } }
      : {}),
    sourceIPs: [o.sourceIP ?? '10.0.0.7'],
    userAgent: 'kubectl/v1.34.1 (linux/amd64) kubernetes/synthetic',
    objectRef: {
      resource: o.resource,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      ...(o.name ? { name: o.name } : {}),
      apiGroup: o.apiGroup,
      apiVersion: version,
      ...(o.subresource ? { subresource: o.subresource } : {}),
    },
    responseStatus: denied
      ? {
          metadata: {},
          status: 'Failure',
          reason: o.code === 401 ? 'Unauthorized' : 'Forbidden',
          code: o.code,
        }
      : { metadata: {}, code: o.code },
    ...(level !== 'Metadata' && o.requestObject !== undefined
      ? { requestObject: o.requestObject }
      : {}),
    ...(level === 'RequestResponse' && o.responseObject !== undefined
      ? { responseObject: o.responseObject }
      : {}),
    requestReceivedTimestamp: received,
    stageTimestamp: o.at,
    annotations: {
      'authorization.k8s.io/decision': denied ? 'forbid' : 'allow',
      'authorization.k8s.io/reason':
        o.authorizationReason ??
        (denied
          ? ''
          : `RBAC: allowed by ClusterRoleBinding "synthetic" of ClusterRole "cluster-admin" to User "${o.user}"`),
    },
  };
}

/** A synthetic Calico GlobalNetworkPolicy as the API server returns it. */
export function syntheticGlobalNetworkPolicy(
  name: string,
  spec: Record<string, unknown>,
  meta: { uid?: string; resourceVersion?: string } = {},
) {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: {
      name,
      uid: meta.uid ?? uuidV5(SYNTHETIC_NAMESPACE, `gnp/${name}`),
      resourceVersion: meta.resourceVersion ?? '1001',
      creationTimestamp: '2026-03-02T09:00:00Z',
      labels: { 'projectcalico.org/tier': String(spec.tier ?? 'default') },
    },
    spec,
  };
}
