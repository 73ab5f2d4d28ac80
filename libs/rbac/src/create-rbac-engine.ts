import { type AccessMatrix, accessMatrix } from './access-matrix';
import { type CanIAnswer, type CanIQuery, canI } from './can-i';
import { RoleAbilityCache } from './compile-role-ability';
import type { RbacMode } from './plan-decision';
import { buildRbacIndex } from './rbac-index';
import type { RbacSnapshot } from './rbac-snapshot';
import { type TierEditorsAnswer, tierEditors } from './tier-editors';
import { type WhoCanAnswer, type WhoCanQuery, whoCan } from './who-can';

export interface RbacEngineOptions {
  /** 'apiserver' (Calico aggregated API server, the default) or 'webhook' (v3.32+ native CRDs). */
  mode?: RbacMode;
  /** Pass the previous engine's cache when the snapshot changes: unchanged roles keep their ability. */
  abilityCache?: RoleAbilityCache;
}

export interface RbacEngine {
  readonly mode: RbacMode;
  readonly snapshot: RbacSnapshot;
  /** Dangling role references and bindings that can never grant anything. */
  readonly warnings: readonly string[];
  readonly tierNames: readonly string[];
  readonly abilityCache: RoleAbilityCache;
  canI(query: CanIQuery): CanIAnswer;
  whoCan(query: WhoCanQuery): WhoCanAnswer;
  tierEditors(tier: string): TierEditorsAnswer;
  accessMatrix(): AccessMatrix;
}

/** Compiles a snapshot's roles into CASL abilities, indexes it, and answers questions about it. */
export function createRbacEngine(
  snapshot: RbacSnapshot,
  options: RbacEngineOptions = {},
): RbacEngine {
  const mode = options.mode ?? 'apiserver';
  const abilityCache = options.abilityCache ?? new RoleAbilityCache();
  const index = buildRbacIndex(snapshot, abilityCache);
  return {
    mode,
    snapshot,
    warnings: index.warnings,
    tierNames: index.tierNames,
    abilityCache,
    canI: (query) => canI(index, mode, query),
    whoCan: (query) => whoCan(index, mode, query),
    tierEditors: (tier) => tierEditors(index, mode, tier),
    accessMatrix: () => accessMatrix(index, mode),
  };
}
