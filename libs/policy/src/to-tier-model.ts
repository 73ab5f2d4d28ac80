import { describeValue, type Problems, readNumber, readRecord, readString } from './field-readers';
import { readMetadata } from './read-metadata';

export type TierDefaultAction = 'Deny' | 'Pass';

export interface TierModel {
  name: string;
  /** Absent: evaluated after every ordered tier. The default tier's is 1,000,000 unless set. */
  order?: number;
  /** What happens when the tier applies to an endpoint but none of its policies acts: Pass fails open. */
  defaultAction: TierDefaultAction;
  problems: string[];
}

export const DEFAULT_TIER_ORDER = 1_000_000;

/** An unreadable defaultAction is taken as Pass, the fail-open reading that hides no risk. */
export function toTierModel(object: unknown): TierModel {
  const problems: Problems = [];
  const { name } = readMetadata(object, problems);
  const spec = readRecord(object, 'spec', 'spec', problems);
  const order = readNumber(spec, 'order', 'spec.order', problems) ?? defaultOrder(name);
  return {
    name,
    ...(order === undefined ? {} : { order }),
    defaultAction: readDefaultAction(spec, problems),
    problems,
  };
}

export function defaultOrder(tier: string): number | undefined {
  return tier === 'default' ? DEFAULT_TIER_ORDER : undefined;
}

function readDefaultAction(spec: unknown, problems: Problems): TierDefaultAction {
  const value = readString(spec, 'defaultAction', 'spec.defaultAction', problems);
  if (value === undefined || value === '' || value.toLowerCase() === 'deny') return 'Deny';
  if (value.toLowerCase() === 'pass') return 'Pass';
  problems.push(`spec.defaultAction: unknown ${describeValue(value)}, read as Pass`);
  return 'Pass';
}
