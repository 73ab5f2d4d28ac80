/** A fact to append: its id is deterministic, so appending it twice stores it once. */
export interface NewEvent {
  eventId: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** The event's own time (the audit event's stageTimestamp), RFC 3339 with microseconds, UTC. */
  occurredAt: string;
}

/** A fact as stored: its place in the global order and in its stream, and its link in the hash chain. */
export interface RecordedEvent extends NewEvent {
  position: number;
  streamPosition: number;
  recordedAt: string;
  prevHash: string;
  hash: string;
}
