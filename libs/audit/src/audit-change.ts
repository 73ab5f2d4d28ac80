import type { AuditEvent, AuditLevel, AuditStage, UserInfo } from './audit-event';

/** The verbs that can change an object. Reads (get, list, watch) never become changes. */
export type ChangeVerb = 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/**
 * applied: 2xx and not a dry run (the only outcome that changes object state);
 * denied: 401/403; failed: any other non-2xx, or a Panic; dryrun: `dryRun=All` in the request URI.
 */
export type Outcome = 'applied' | 'denied' | 'failed' | 'dryrun';

/** How a patch body is to be applied: RFC 6902, RFC 7386 (or strategic merge), or server-side apply. */
export type PatchFlavour = 'json-patch' | 'merge-patch' | 'apply';

export type KindFamily =
  | 'calico-policy'
  | 'calico-staged-policy'
  | 'calico-tier'
  | 'calico-network-set'
  | 'calico-host-endpoint'
  | 'calico-felix-configuration'
  | 'k8s-network-policy'
  | 'rbac-role'
  | 'rbac-binding'
  | 'namespace';

/** A resource the ledger tracks. */
export interface TrackedKind {
  /** "" for the core group (namespaces). */
  apiGroup: string;
  /** Plural, as in objectRef.resource and RBAC rules. */
  resource: string;
  /** Singular Kind, as in the object's `kind`. */
  kind: string;
  namespaced: boolean;
  family: KindFamily;
  /** crd.projectcalico.org: a write to Calico's backing CRDs, around projectcalico.org's tier authorization. */
  directCrd: boolean;
}

export interface ChangeActor {
  user: UserInfo;
  impersonatedUser?: UserInfo;
  /** impersonatedUser ?? user: the identity the request was authorised as. */
  effective: UserInfo;
  sourceIps: string[];
  userAgent?: string;
}

/** A mutating request on a tracked resource, with its outcome: what the ledger records. */
export interface AuditChange {
  auditId: string;
  stage: AuditStage;
  level: AuditLevel;
  verb: ChangeVerb;
  outcome: Outcome;
  statusCode?: number;
  statusReason?: string;
  statusMessage?: string;
  kind: TrackedKind;
  /** namespace is absent for cluster-scoped kinds (even where objectRef repeats the name there, as for namespaces). */
  target: {
    namespace?: string;
    name?: string;
    uid?: string;
    subresource?: string;
    apiVersion?: string;
    resourceVersion?: string;
  };
  actor: ChangeActor;
  authorization: { decision?: string; reason?: string };
  /** Only for verb "patch" with a request body. */
  patchFlavour?: PatchFlavour;
  requestObject?: unknown;
  responseObject?: unknown;
  requestUri: string;
  requestReceivedAt?: string;
  /** The event's own time (its stageAt), MicroTime. */
  occurredAt: string;
  /** The audit.k8s.io/truncated annotation: bodies were removed to fit the backend's size limit. */
  truncated: boolean;
  annotations: Record<string, string>;
  event: AuditEvent;
}

export type IgnoredReason =
  | 'not-a-resource-request'
  | 'untracked-resource'
  | 'read-only-verb'
  | 'non-terminal-stage';

export type Classification =
  | { kind: 'change'; change: AuditChange }
  | { kind: 'ignored'; reason: IgnoredReason };
