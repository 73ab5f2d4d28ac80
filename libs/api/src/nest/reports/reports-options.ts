import type { RbacMode } from '@policy-ledger/rbac';

export const REPORTS_OPTIONS = Symbol('REPORTS_OPTIONS');

export interface ReportsOptions {
  /** Runs rendered at once by this process; 0 leaves the work to other instances. */
  workers: number;
  pollMs: number;
  /** How often due schedules are looked for. */
  scheduleEveryMs: number;
  /** Seconds without a heartbeat after which a run counts as crashed and is claimed again. */
  staleSeconds: number;
  maxAttempts: number;
  retentionDays: number;
  rbacMode: RbacMode;
  tierOwners?: Record<string, string[]>;
  version: string;
}
