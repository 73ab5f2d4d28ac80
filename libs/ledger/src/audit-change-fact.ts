import { createHash } from 'node:crypto';
import type { AuditChange, UserInfo } from '@policy-ledger/audit';
import type { AuditChangeFact, FactActor } from './ledger-fact';

function actorOf(change: AuditChange): FactActor {
  const { effective, impersonatedUser, user, sourceIps, userAgent } = change.actor;
  const impersonator = impersonatedUser ? summaryOf(user) : undefined;
  return {
    username: effective.username,
    ...(effective.uid ? { uid: effective.uid } : {}),
    groups: effective.groups,
    extra: effective.extra,
    ...(impersonator ? { impersonatedBy: impersonator } : {}),
    sourceIps,
    ...(userAgent !== undefined ? { userAgent } : {}),
  };
}

function summaryOf(user: UserInfo): { username: string; uid?: string; groups: string[] } {
  return { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups };
}

/** The fact the ledger stores for a classified audit event: self-contained, evidence included. */
export function auditChangeFact(cluster: string, change: AuditChange): AuditChangeFact {
  const { kind, target, event } = change;
  return {
    cluster,
    auditId: change.auditId,
    stage: change.stage,
    level: change.level,
    verb: change.verb,
    outcome: change.outcome,
    ...(change.statusCode !== undefined || change.statusReason || change.statusMessage
      ? {
          status: {
            code: change.statusCode,
            reason: change.statusReason,
            message: change.statusMessage,
          },
        }
      : {}),
    object: {
      apiGroup: kind.apiGroup,
      resource: kind.resource,
      kind: kind.kind,
      family: kind.family,
      namespaced: kind.namespaced,
      directCrd: kind.directCrd,
      ...target,
    },
    actor: actorOf(change),
    authorization: change.authorization,
    ...(change.patchFlavour ? { patchFlavour: change.patchFlavour } : {}),
    ...(change.requestObject !== undefined ? { requestObject: change.requestObject } : {}),
    ...(change.responseObject !== undefined ? { responseObject: change.responseObject } : {}),
    requestUri: change.requestUri,
    ...(change.requestReceivedAt ? { requestReceivedAt: change.requestReceivedAt } : {}),
    occurredAt: change.occurredAt,
    truncated: change.truncated,
    annotations: change.annotations,
    evidence: {
      raw: event.raw,
      rawExact: event.rawExact,
      sha256: createHash('sha256').update(event.raw, 'utf8').digest('hex'),
      sanitised: event.sanitised,
    },
  };
}
