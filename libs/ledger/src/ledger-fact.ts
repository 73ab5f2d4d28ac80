import type {
  AuditLevel,
  AuditStage,
  ChangeVerb,
  KindFamily,
  Outcome,
  PatchFlavour,
} from '@policy-ledger/audit';

/** The facts the ledger stores. Past tense: each says what was observed, never what was derived. */
export type LedgerFactType =
  | 'AuditChangeRecorded'
  | 'AuditChangeEnriched'
  | 'ObjectObserved'
  | 'MessageDeadLettered';

export interface TrackedObjectRef {
  apiGroup: string;
  resource: string;
  kind: string;
  family: KindFamily;
  namespaced: boolean;
  directCrd: boolean;
  namespace?: string;
  name?: string;
  uid?: string;
  subresource?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface FactActor {
  /** The effective user: the impersonated one when impersonation was used. */
  username: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
  /** The authenticated user who impersonated `username`. */
  impersonatedBy?: { username: string; uid?: string; groups: string[] };
  sourceIps: string[];
  userAgent?: string;
}

export interface Evidence {
  /** The audit event as received (exact text, or re-serialised when it came inside a list or envelope). */
  raw: string;
  rawExact: boolean;
  /** SHA-256 of `raw`, hex. */
  sha256: string;
  sanitised: boolean;
}

/** An audit event about a change (any outcome) to a tracked object: data of AuditChangeRecorded / AuditChangeEnriched. */
export interface AuditChangeFact {
  cluster: string;
  auditId: string;
  stage: AuditStage;
  level: AuditLevel;
  verb: ChangeVerb;
  outcome: Outcome;
  status?: { code?: number; reason?: string; message?: string };
  object: TrackedObjectRef;
  actor: FactActor;
  authorization: { decision?: string; reason?: string };
  patchFlavour?: PatchFlavour;
  requestObject?: unknown;
  responseObject?: unknown;
  requestUri: string;
  requestReceivedAt?: string;
  occurredAt: string;
  truncated: boolean;
  annotations: Record<string, string>;
  evidence: Evidence;
}

/** An object as a snapshot import saw it (`kubectl get -o json`): history does not start empty. */
export interface ObjectObservedFact {
  cluster: string;
  object: TrackedObjectRef;
  state: Record<string, unknown>;
  observedAt: string;
  source: { kind: 'snapshot'; file?: string; index: number };
}

/** A message that could not be decoded or stored, sent to the dead-letter topic. */
export interface MessageDeadLetteredFact {
  cluster: string;
  reason: string;
  source: { topic: string; partition: number; offset: string } | { file: string; line: number };
  /** The first 4 KiB of the undecodable part, sanitised. */
  sample: string;
  sha256: string;
  size: number;
  deadLetteredAt: string;
}
