export { demoStory } from './demo-story';
export { REAL_AUDIT_SAMPLE_FILES, realAuditSampleMessages } from './real-audit-samples';
export {
  type SyntheticEventOptions,
  syntheticAuditEvent,
  syntheticGlobalNetworkPolicy,
} from './synthetic-audit-event';
