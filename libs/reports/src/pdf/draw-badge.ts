import type { PageFlow } from './page-flow';
import { type BadgeTone, TEXT } from './report-theme';
import { wrapText } from './wrap-text';

const PADDING_X = 3.5;
const PADDING_Y = 1.5;

export interface BadgeSpec {
  badge: string;
  tone: BadgeTone;
}

/** A badge's label broken into lines that fit, and the box around them. */
export interface BadgeLayout {
  lines: string[];
  width: number;
  height: number;
}

const layoutsByFlow = new WeakMap<PageFlow, Map<string, BadgeLayout>>();

/**
 * One line when the label fits `maxWidth`; otherwise the label wraps inside a taller box. The
 * same label and width give the same object, which the flow's badge forms are keyed by.
 */
export function layoutBadge(
  flow: PageFlow,
  label: string,
  maxWidth = Number.POSITIVE_INFINITY,
): BadgeLayout {
  let layouts = layoutsByFlow.get(flow);
  if (layouts === undefined) {
    layouts = new Map();
    layoutsByFlow.set(flow, layouts);
  }
  const key = `${maxWidth}\u0000${label}`;
  let layout = layouts.get(key);
  if (layout === undefined) {
    layout = computeBadgeLayout(flow, label, maxWidth);
    layouts.set(key, layout);
  }
  return layout;
}

function computeBadgeLayout(flow: PageFlow, label: string, maxWidth: number): BadgeLayout {
  const face = flow.face(TEXT.badge.face);
  const lines = wrapText(label, Math.max(1, maxWidth - 2 * PADDING_X), face, TEXT.badge.size);
  const textWidth = Math.max(...lines.map((line) => face.widthOf(line, TEXT.badge.size)));
  return {
    lines,
    width: textWidth + 2 * PADDING_X,
    height: lines.length * flow.lineHeight(TEXT.badge) + 2 * PADDING_Y,
  };
}

/** A filled label: the colour for the eye, the word for greyscale prints. Returns its width. */
export function drawBadge(
  flow: PageFlow,
  x: number,
  top: number,
  badge: BadgeSpec,
  layout = layoutBadge(flow, badge.badge),
): number {
  flow.badge(x, top, layout, badge.tone, TEXT.badge, PADDING_X, PADDING_Y);
  return layout.width;
}
