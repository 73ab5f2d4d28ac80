import type { TopicSpec } from '@policy-ledger/stack';

/** The audit topic and its dead-letter topic, as the stack creates them for the demo and tests. */
export const DEFAULT_TOPICS: TopicSpec[] = [
  { topic: 'k8s.audit', partitions: 3 },
  { topic: 'k8s.audit.dlq', partitions: 1 },
];
