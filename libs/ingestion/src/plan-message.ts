import { createHash } from 'node:crypto';
import {
  auditEventId,
  classifyAuditEvent,
  decodeAuditMessage,
  type IgnoredReason,
  mightConcernTrackedResources,
  uuidV5,
} from '@policy-ledger/audit';
import {
  auditChangeFact,
  collectionStreamId,
  deadLetterStreamId,
  type MessageDeadLetteredFact,
  type NewEvent,
  objectStreamId,
  toMicroTime,
} from '@policy-ledger/ledger';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  headers: Record<string, string | undefined>;
  /** Kafka's message timestamp, RFC 3339. */
  timestamp: string;
}

export interface DeadLetter {
  cluster: string;
  reason: string;
  value: Buffer;
  source: { topic: string; partition: number; offset: string };
}

export interface MessagePlan {
  facts: NewEvent[];
  deadLetters: DeadLetter[];
  /** Audit events kept as facts. */
  kept: number;
  /** Decoded events that are not changes to tracked objects, by reason. */
  ignored: Partial<Record<IgnoredReason, number>>;
  /** True when the byte-level pre-check dropped the message without parsing it. */
  prefiltered: boolean;
}

const DEAD_LETTER_NAMESPACE = 'c3a8e4d2-6f1b-5a9e-8d7c-4b2e1f0a9c36';
const SAMPLE_BYTES = 4096;

/** cluster header, else the topic's configured cluster, else the default. */
export function clusterOf(
  message: Pick<IncomingMessage, 'topic' | 'headers'>,
  topicClusters: Record<string, string>,
  fallback: string,
): string {
  const header = message.headers.cluster?.trim();
  if (header && /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/.test(header)) return header;
  return topicClusters[message.topic] ?? fallback;
}

/** The ledger's record of a dead-lettered part; `part` tells apart the parts of one message ("decode:2", "store"). */
export function deadLetterFact(
  cluster: string,
  message: IncomingMessage,
  part: string,
  reason: string,
  value: Buffer,
): NewEvent {
  const source = { topic: message.topic, partition: message.partition, offset: message.offset };
  const data: MessageDeadLetteredFact = {
    cluster,
    reason,
    source,
    sample: value
      .subarray(0, SAMPLE_BYTES)
      .toString('utf8')
      .replaceAll('\u0000', '\uFFFD')
      .toWellFormed(),
    sha256: createHash('sha256').update(value).digest('hex'),
    size: value.length,
    deadLetteredAt: message.timestamp,
  };
  return {
    eventId: uuidV5(
      DEAD_LETTER_NAMESPACE,
      `${message.topic}\n${message.partition}\n${message.offset}\n${part}`,
    ),
    streamId: deadLetterStreamId(cluster, `${message.topic}/${message.partition}`),
    type: 'MessageDeadLettered',
    data: data as unknown as Record<string, unknown>,
    metadata: { source, cluster },
    occurredAt: message.timestamp,
  };
}

/**
 * What one Kafka message becomes: facts to append, parts to dead-letter, counts. Pure: the same
 * message always gives the same plan, which is what makes redelivery harmless.
 */
export function planMessage(message: IncomingMessage, cluster: string): MessagePlan {
  const plan: MessagePlan = {
    facts: [],
    deadLetters: [],
    kept: 0,
    ignored: {},
    prefiltered: false,
  };
  if (message.value === null || message.value.length === 0) return { ...plan, prefiltered: true };
  if (!mightConcernTrackedResources(message.value)) return { ...plan, prefiltered: true };

  const decoded = decodeAuditMessage(message.value);
  const source = { topic: message.topic, partition: message.partition, offset: message.offset };
  decoded.failures.forEach((failure, index) => {
    const value =
      decoded.events.length === 0 && decoded.failures.length === 1
        ? message.value!
        : Buffer.from(failure.raw, 'utf8');
    plan.deadLetters.push({ cluster, reason: failure.reason, value, source });
    plan.facts.push(deadLetterFact(cluster, message, `decode:${index}`, failure.reason, value));
  });

  for (const event of decoded.events) {
    const classification = classifyAuditEvent(event);
    if (classification.kind === 'ignored') {
      plan.ignored[classification.reason] = (plan.ignored[classification.reason] ?? 0) + 1;
      continue;
    }
    const change = classification.change;
    const fact = auditChangeFact(cluster, change);
    const { apiGroup, resource } = change.kind;
    const { namespace, name } = change.target;
    plan.facts.push({
      eventId: auditEventId(cluster, event),
      streamId: name
        ? objectStreamId({ cluster, apiGroup, resource, namespace, name })
        : collectionStreamId(cluster, apiGroup, resource, namespace),
      type: 'AuditChangeRecorded',
      data: fact as unknown as Record<string, unknown>,
      metadata: { source, cluster, framing: decoded.framing },
      occurredAt: toMicroTime(change.occurredAt) ?? change.occurredAt,
    });
    plan.kept += 1;
  }
  return plan;
}
