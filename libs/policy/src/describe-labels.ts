export interface LabelChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** "k=v" added/removed, "k: a → b" changed, each sorted by key. */
export function labelChanges(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): LabelChanges {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const has = (labels: Readonly<Record<string, string>>, key: string) => Object.hasOwn(labels, key);
  return {
    added: keys
      .filter((key) => !has(before, key) && has(after, key))
      .map((key) => `${key}=${after[key]}`),
    removed: keys
      .filter((key) => has(before, key) && !has(after, key))
      .map((key) => `${key}=${before[key]}`),
    changed: keys
      .filter((key) => has(before, key) && has(after, key) && before[key] !== after[key])
      .map((key) => `${key}: ${before[key]} → ${after[key]}`),
  };
}

export function hasLabelChanges(changes: LabelChanges): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length > 0;
}

export function describeLabelChanges(changes: LabelChanges): string {
  return [
    changes.added.length > 0 ? `added ${changes.added.join(', ')}` : undefined,
    changes.removed.length > 0 ? `removed ${changes.removed.join(', ')}` : undefined,
    changes.changed.length > 0 ? `changed ${changes.changed.join(', ')}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('; ');
}
