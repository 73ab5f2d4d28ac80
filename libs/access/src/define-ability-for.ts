import {
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type RawRuleOf,
} from '@casl/ability';
import type { Principal } from './principal';
import type { Role } from './role';

export type Action = 'read' | 'stream' | 'query' | 'create' | 'manage';

export type SubjectType =
  | 'Change'
  | 'Object'
  | 'Inventory'
  | 'Rbac'
  | 'Integrity'
  | 'Report'
  | 'ReportSchedule'
  | 'Token'
  | 'Import'
  | 'AccessLog';

/** A subject instance as the guard checks it: its type, and the cluster the request concerns. */
export type ClusterSubject = {
  [S in SubjectType]: ForcedSubject<S> & { cluster: string };
}[SubjectType];

export type AppAbility = MongoAbility<[Action, SubjectType | 'all' | ClusterSubject]>;

type Grant = readonly [Action, readonly SubjectType[] | 'all'];

/** What each role may do, in any cluster it is allowed to see. */
const GRANTS: Record<Role, readonly Grant[]> = {
  auditor: [
    ['read', ['Change', 'Object', 'Inventory', 'Integrity', 'Report', 'ReportSchedule']],
    ['create', ['Report', 'ReportSchedule']],
  ],
  soc: [
    ['read', ['Change', 'Object', 'Inventory', 'Integrity']],
    ['stream', ['Change']],
    ['query', ['Rbac']],
  ],
  admin: [['manage', 'all']],
};

/**
 * The CASL ability of one principal: its role's grants, limited by a `cluster $in [...]`
 * condition when the principal may only see some clusters.
 */
export function defineAbilityFor(principal: Pick<Principal, 'role' | 'clusters'>): AppAbility {
  const limit =
    principal.clusters === null ? {} : { conditions: { cluster: { $in: principal.clusters } } };
  const rules: RawRuleOf<AppAbility>[] = GRANTS[principal.role].map(([action, subjects]) => ({
    action,
    subject: subjects === 'all' ? 'all' : [...subjects],
    ...limit,
  }));
  return createMongoAbility<AppAbility>(rules);
}
