import type { ChangeOutcome, Risk, Severity, ThreatRow } from '../report-model';
import type { FaceName } from './load-report-faces';

/** A4 portrait in points; every measurement in the renderer derives from these. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

export const MARGIN = { top: 74, bottom: 62, left: 48, right: 48 } as const;

export const INK = {
  text: '#1f2933',
  muted: '#5f6b7a',
  faint: '#8a96a3',
  rule: '#c5ccd4',
  headerFill: '#e3e8ee',
  zebra: '#f4f6f9',
  accent: '#1d4e89',
  accentLight: '#e8eef6',
  white: '#ffffff',
  warning: '#a61b1b',
  warningFill: '#fdecea',
  ok: '#1e6b3a',
  okFill: '#e9f5ee',
} as const;

export interface TextStyle {
  face: FaceName;
  size: number;
  colour: string;
}

export const TEXT = {
  body: { face: 'sans', size: 9, colour: INK.text },
  bodyBold: { face: 'sansBold', size: 9, colour: INK.text },
  muted: { face: 'sans', size: 8, colour: INK.muted },
  chapter: { face: 'sansBold', size: 17, colour: INK.accent },
  chapterNumber: { face: 'sansBold', size: 17, colour: INK.faint },
  heading: { face: 'sansBold', size: 11.5, colour: INK.accent },
  subheading: { face: 'sansBold', size: 9.5, colour: INK.text },
  cell: { face: 'condensed', size: 7.5, colour: INK.text },
  cellBold: { face: 'condensedBold', size: 7.5, colour: INK.text },
  cellMuted: { face: 'condensed', size: 7.5, colour: INK.muted },
  cellMono: { face: 'mono', size: 6.8, colour: INK.text },
  tableHeader: { face: 'condensedBold', size: 7.5, colour: INK.text },
  caption: { face: 'condensed', size: 7.5, colour: INK.muted },
  running: { face: 'condensed', size: 7.5, colour: INK.muted },
  runningBold: { face: 'condensedBold', size: 7.5, colour: INK.muted },
  badge: { face: 'condensedBold', size: 6.5, colour: INK.white },
} as const satisfies Record<string, TextStyle>;

/** Fill and text colour of a label badge; the label itself carries the meaning in greyscale. */
export interface BadgeTone {
  fill: string;
  text: string;
}

const SEVERITY_TONES: Record<Severity, BadgeTone> = {
  critical: { fill: '#7a1010', text: '#ffffff' },
  high: { fill: '#c9341e', text: '#ffffff' },
  medium: { fill: '#f0b323', text: '#1f2933' },
  low: { fill: '#3b73b9', text: '#ffffff' },
  info: { fill: '#dfe4ea', text: '#1f2933' },
};

const RISK_TONES: Record<Risk, BadgeTone> = {
  high: SEVERITY_TONES.high,
  medium: SEVERITY_TONES.medium,
  low: SEVERITY_TONES.info,
};

const STATUS_TONES: Record<ThreatRow['status'], BadgeTone> = {
  mitigated: { fill: '#1e6b3a', text: '#ffffff' },
  partial: { fill: '#f0b323', text: '#1f2933' },
  'not-mitigated': { fill: '#c9341e', text: '#ffffff' },
  'not-observable': { fill: '#dfe4ea', text: '#1f2933' },
};

/** Chart colours: distinct hues that also stay distinct in lightness when printed in greyscale. */
export const OUTCOME_COLOURS: Record<ChangeOutcome, string> = {
  applied: '#1d4e89',
  denied: '#c9341e',
  failed: '#f0b323',
  dryrun: '#a9b4c0',
};

export function pickSeverityTone(severity: Severity): BadgeTone {
  return SEVERITY_TONES[severity];
}

export function pickRiskTone(risk: Risk): BadgeTone {
  return RISK_TONES[risk];
}

export function pickStatusTone(status: ThreatRow['status']): BadgeTone {
  return STATUS_TONES[status];
}
