import type { PostureInputs } from './posture-inputs';
import type { CompletenessRow, DeniedAttemptsByActor, Finding } from './report-model';

export type ThreatInputs = PostureInputs & {
  /** The period's findings (evaluateFindings of the same inputs). */
  findings: Finding[];
  deniedAndFailed: DeniedAttemptsByActor[];
  trailCompleteness: CompletenessRow[];
};
