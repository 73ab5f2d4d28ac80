export { decodeCursor, encodeCursor, InvalidCursorError } from './keyset-cursor';
export { matchesChangeQuery } from './matches-change-query';
export { API_CONFIG } from './nest/api-config.token';
export { ApiHttpModule } from './nest/api-http.module';
export { serveOpenApi } from './nest/openapi';
export { ReportsModule } from './nest/reports/reports.module';
export { REPORTS_OPTIONS, type ReportsOptions } from './nest/reports/reports-options';
export { invalidRequest, PROBLEM_TYPES, type ProblemDetails, problem } from './problem-details';
export {
  type ChangeQuery,
  changeQuerySchema,
  clusterParam,
  historyQuerySchema,
  integrityQuerySchema,
  inventoryQuerySchema,
  MAX_RANGE_DAYS,
  OUTCOMES,
  objectPathSchema,
  objectQuerySchema,
  resourceParam,
  timeParam,
} from './query-schemas';
export { MAX_REPORT_DAYS } from './report-request-schemas';
