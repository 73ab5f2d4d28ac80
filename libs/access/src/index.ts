export {
  type AccessLogCursor,
  decodeAccessLogCursor,
  encodeAccessLogCursor,
} from './access-log-cursor';
export { type AccessLogEntry, buildAccessLogEntry, type ObservedRequest } from './access-log-entry';
export { AmbiguousTokenNameError } from './ambiguous-token-name-error';
export {
  type ApiToken,
  type ApiTokenValidity,
  assessApiToken,
  isLastUseStale,
  principalOfApiToken,
} from './api-token';
export {
  API_TOKEN_PREFIX,
  generateApiTokenSecret,
  hashApiTokenSecret,
  isApiTokenShaped,
  isWellFormedApiToken,
} from './api-token-secret';
export { BufferedWriter, type BufferedWriterOptions } from './buffered-writer';
export { type ClusterScope, checkPermission, type PermissionDecision } from './check-permission';
export {
  type Action,
  type AppAbility,
  type ClusterSubject,
  defineAbilityFor,
  type SubjectType,
} from './define-ability-for';
export { ALL_CLUSTERS, isClusterName } from './is-cluster-name';
export {
  type ApiTokenRequest,
  apiTokenRequestSchema,
  DEFAULT_EXPIRES_IN,
  type IssuedApiToken,
  issueApiToken,
  isTokenId,
  mayGrantClusters,
} from './issue-api-token';
export { maskQueryString } from './mask-query-string';
export { AccessGuard } from './nest/access.guard';
export { AccessModule } from './nest/access.module';
export { AccessLogWriter } from './nest/access-log-writer';
export { ACCESS_OPTIONS, type AccessModuleOptions, accessOptionsFrom } from './nest/access-options';
export { type Authentication, Authenticator } from './nest/authenticator';
export { AuthorizedCluster } from './nest/authorized-cluster.decorator';
export { CurrentPrincipal } from './nest/current-principal.decorator';
export { principalOf } from './nest/request-principal';
export {
  type PermissionRequirement,
  REQUIRED_PERMISSION,
  RequirePermission,
} from './nest/require-permission.decorator';
export type { ApiTokenView } from './nest/tokens.controller';
export {
  createOidcVerifier,
  type OidcSettings,
  type OidcVerification,
  type OidcVerifier,
} from './oidc/create-oidc-verifier';
export { type BearerCredential, parseBearerCredential } from './parse-bearer-credential';
export { type ExpiresIn, parseExpiresIn } from './parse-expires-in';
export {
  type AccessLogRecord,
  insertAccessLogEntries,
  listAccessLogEntries,
} from './postgres/access-log.repository';
export {
  findApiToken,
  findApiTokenByHash,
  findUnrevokedApiTokensByName,
  insertApiToken,
  listApiTokens,
  recordApiTokenUse,
  revokeApiToken,
} from './postgres/api-tokens.repository';
export { createApiToken } from './postgres/create-api-token';
export {
  type Revocation,
  revokeApiTokenByReference,
} from './postgres/revoke-api-token-by-reference';
export type { Principal } from './principal';
export {
  type OidcClaimMapping,
  type OidcIdentity,
  principalOfOidcClaims,
} from './principal-of-oidc-claims';
export {
  type ClusterRequirement,
  type ResolvedScope,
  resolveClusterScope,
} from './resolve-cluster-scope';
export { highestRole, isRole, ROLES, type Role } from './role';
export { TokenNotFoundError } from './token-not-found-error';
