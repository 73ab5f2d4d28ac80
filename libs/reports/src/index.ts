export {
  buildInventorySection,
  type InventorySection,
  UNKNOWN_TIER,
} from './build-inventory-section';
export { countBySeverity } from './count-by-severity';
export { countUnknownStates, type UnknownStateCount } from './count-unknown-states';
export { type CsvOptions, type CsvValue, csvField, csvLine } from './csv-line';
export { type CsvTable, csvTables } from './csv-tables';
export { evaluateFindings } from './evaluate-findings';
export { evaluateThreats } from './evaluate-threats';
export { ChunkSink } from './file/chunk-sink';
export { type ReportFile, reportFileOf, writeReportFile } from './file/write-report-file';
export {
  type RenderReportPdfOptions,
  renderDraftPdf,
  renderReportPdf,
} from './pdf/render-report-pdf';
export { reportFileName } from './pdf/report-file-name';
export {
  type BuildOptions,
  buildReportDraft,
  type ReportRequest,
} from './postgres/build-report-model';
export { INVENTORY_KINDS, inventoryAt } from './postgres/inventory.repository';
export * from './postgres/report-schedules.repository';
export * from './postgres/reports.repository';
export {
  DEFAULT_STAGED_THRESHOLD_DAYS,
  DEFAULT_SYSTEM_NAMESPACES,
  type PostureInputs,
  type PostureOptions,
} from './posture-inputs';
export type { PostureRule, PostureRuleMeta } from './posture-rule';
export { POSTURE_RULES } from './posture-rules';
export { postureScore, SEVERITY_WEIGHTS } from './posture-score';
export { reportJsonChunks } from './report-json-chunks';
export {
  describeReportJson,
  REPORT_JSON_SCHEMA_VERSION,
  type ReportJsonDocument,
  reportJsonDocument,
} from './report-json-schema';
export * from './report-model';
export { summariseTrailCompleteness, type TrailStats } from './summarise-trail-completeness';
export type { ThreatInputs } from './threat-inputs';
export { tierAccessOf } from './tier-access-of';
export type { ProducedReport, ReportJob } from './worker/report-job';
export {
  DEFAULT_REPORT_WORKER_LIMITS,
  type ReportWorkerLimits,
  runReportInWorker,
} from './worker/run-report-in-worker';
