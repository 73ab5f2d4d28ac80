import type { ReportDraft } from '../../report-model';
import type { ReportChapter } from '../report-chapter';
import { planAccessChapter } from './plan-access-chapter';
import { planAuditChapter } from './plan-audit-chapter';
import { planCompletenessChapter } from './plan-completeness-chapter';
import {
  type EvidenceSources,
  locateEvidenceSection,
  planEvidenceChapter,
} from './plan-evidence-chapter';
import { planFindingsChapter } from './plan-findings-chapter';
import { planInventoryChapter } from './plan-inventory-chapter';
import { planSummaryChapter } from './plan-summary-chapter';
import { planDeniedChapter, planThreatsChapter } from './plan-threats-chapter';

/** The chapters of a report, in order, numbered from 1. */
export function planReportChapters(model: ReportDraft): ReportChapter[] {
  if ('compliance' in model) {
    const c = model.compliance;
    const evidence: EvidenceSources = {
      findings: c.findings,
      changes: c.policyAudit.changes.evidence,
      deniedAndFailed: c.policyAudit.deniedAndFailed,
    };
    const appendix = (section: 'findings' | 'changes' | 'denied') =>
      locateEvidenceSection(7, evidence, section);
    return [
      planSummaryChapter(1, c.summary),
      planInventoryChapter(2, c.inventory),
      planAuditChapter(
        3,
        c.policyAudit,
        { changes: appendix('changes'), denied: appendix('denied') },
        model.meta.scope.cluster === null,
      ),
      planAccessChapter(4, c.accessControl),
      planFindingsChapter(5, c.findings, appendix('findings')),
      planCompletenessChapter(6, c.trailCompleteness),
      planEvidenceChapter(7, evidence),
    ];
  }
  const t = model.threatModel;
  const evidence: EvidenceSources = {
    threats: t.threats,
    findings: t.findings,
    deniedAndFailed: t.deniedAndFailed,
  };
  const appendix = (section: 'threats' | 'findings' | 'denied') =>
    locateEvidenceSection(5, evidence, section);
  return [
    planThreatsChapter(1, t.threats, appendix('threats')),
    planFindingsChapter(2, t.findings, appendix('findings')),
    planAccessChapter(3, t.accessControl),
    planDeniedChapter(4, t.deniedAndFailed, appendix('denied')),
    planEvidenceChapter(5, evidence),
  ];
}
