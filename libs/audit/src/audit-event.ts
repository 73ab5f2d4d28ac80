/**
 * A Kubernetes audit.k8s.io Event (v1 or v1beta1), normalised: fields renamed to our casing,
 * legacy timestamps folded into `stageAt`/`requestReceivedAt`, absent optional lists made empty.
 * This is the contract between decoding (this lib) and the ledger.
 */

export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

export interface ObjectRef {
  /** "" for the core group. */
  apiGroup: string;
  apiVersion?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface ResponseStatus {
  code?: number;
  status?: string;
  reason?: string;
  message?: string;
}

export interface AuditEvent {
  /** As found in the event, or "audit.k8s.io/v1" when it had none. */
  apiVersion: string;
  level: AuditLevel;
  auditId: string;
  stage: AuditStage;
  requestUri: string;
  verb: string;
  user: UserInfo;
  impersonatedUser?: UserInfo;
  sourceIps: string[];
  userAgent?: string;
  objectRef?: ObjectRef;
  responseStatus?: ResponseStatus;
  requestObject?: unknown;
  responseObject?: unknown;
  /** RFC 3339, UTC, exactly six fractional digits (MicroTime). */
  requestReceivedAt?: string;
  /** stageTimestamp, else legacy `metadata.creationTimestamp`, else `timestamp`, else requestReceivedTimestamp. MicroTime. */
  stageAt: string;
  annotations: Record<string, string>;
  /** The event as received: its exact text when it was a whole message or one JSON line, else its JSON re-serialised. */
  raw: string;
  rawExact: boolean;
  /** True when a string in the event held U+0000 or a lone surrogate, replaced by U+FFFD (PostgreSQL jsonb refuses them). */
  sanitised: boolean;
}

/** How the events were framed on the wire. */
export type Framing = 'event' | 'event-list' | 'json-lines' | 'envelope';

export interface DecodeFailure {
  /** Precise and human-readable: "line 3: Unexpected token } in JSON at position 17", "items[2]: auditID is missing". */
  reason: string;
  /** The undecodable part as received (the whole message, or the failing line/item). */
  raw: string;
}

/** What one Kafka message (or one file chunk) decoded into. Decoding never throws. */
export interface DecodedMessage {
  framing: Framing | 'unknown';
  events: AuditEvent[];
  failures: DecodeFailure[];
}
