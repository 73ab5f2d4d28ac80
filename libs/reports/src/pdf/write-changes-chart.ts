import { type ChangeOutcome, OUTCOMES } from '../report-model';
import { formatCount, formatOutcome } from './format-report-values';
import type { PageFlow } from './page-flow';
import { INK, OUTCOME_COLOURS, TEXT } from './report-theme';

export type DayCounts = { day: string } & Record<ChangeOutcome, number>;

const CHART_HEIGHT = 215;
const LEGEND_HEIGHT = 22;
const AXIS_WIDTH = 34;
const LABELS_HEIGHT = 26;
const AXIS_TEXT = { ...TEXT.caption, size: 7 };

/** Stacked bars of the period's changes per UTC day, by outcome, with axes and a legend. */
export function writeChangesChart(flow: PageFlow, days: readonly DayCounts[]): void {
  flow.ensureSpace(CHART_HEIGHT);
  const top = flow.y;
  drawLegend(flow, days, top);
  const plot = {
    left: flow.left + AXIS_WIDTH,
    right: flow.right - 4,
    top: top + LEGEND_HEIGHT + 14,
    bottom: top + CHART_HEIGHT - LABELS_HEIGHT,
  };
  const max = Math.max(0, ...days.map(totalOf));
  const step = chooseAxisStep(max / 4);
  const ceiling = Math.max(step, Math.ceil(max / step) * step);
  drawGrid(flow, plot, step, ceiling);
  drawBars(flow, plot, days, ceiling);
  drawDayLabels(flow, plot, days);
  if (max === 0) {
    const note = 'No changes in the period.';
    const x = (plot.left + plot.right - flow.widthOf(TEXT.muted, note)) / 2;
    flow.text(TEXT.muted, x, (plot.top + plot.bottom) / 2 - 6, note);
  }
  flow.y = top + CHART_HEIGHT + 6;
}

function totalOf(day: DayCounts): number {
  return OUTCOMES.reduce((sum, outcome) => sum + day[outcome], 0);
}

/** 1, 2, 2.5 or 5 times a power of ten: axis ticks a reader can add up. */
export function chooseAxisStep(rough: number): number {
  if (rough <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiple = [1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10;
  return Math.max(1, multiple * power);
}

function drawLegend(flow: PageFlow, days: readonly DayCounts[], top: number): void {
  let x = flow.left + AXIS_WIDTH;
  const style = TEXT.caption;
  for (const outcome of OUTCOMES) {
    const total = days.reduce((sum, day) => sum + day[outcome], 0);
    const label = `${formatOutcome(outcome)} (${formatCount(total)})`;
    flow.paint((doc) => {
      doc.rect(x, top + 3, 9, 9).fillAndStroke(OUTCOME_COLOURS[outcome], INK.muted);
    });
    flow.text({ ...style, colour: INK.text }, x + 13, top + 2.5, label);
    x += 13 + flow.widthOf(style, label) + 18;
  }
  flow.text(AXIS_TEXT, flow.left, top + LEGEND_HEIGHT, 'changes');
}

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function drawGrid(flow: PageFlow, plot: Plot, step: number, ceiling: number): void {
  const scale = (plot.bottom - plot.top) / ceiling;
  for (let value = 0; value <= ceiling; value += step) {
    const y = plot.bottom - value * scale;
    flow.paint((doc) => {
      doc
        .moveTo(plot.left, y)
        .lineTo(plot.right, y)
        .lineWidth(value === 0 ? 0.9 : 0.3)
        .strokeColor(value === 0 ? INK.text : INK.rule)
        .stroke();
    });
    const label = formatCount(value);
    const height = flow.lineHeight(AXIS_TEXT);
    flow.text(AXIS_TEXT, plot.left - 5 - flow.widthOf(AXIS_TEXT, label), y - height / 2, label);
  }
}

function drawBars(flow: PageFlow, plot: Plot, days: readonly DayCounts[], ceiling: number): void {
  if (days.length === 0) return;
  const slot = (plot.right - plot.left) / days.length;
  const width = Math.max(0.8, slot * 0.72);
  const scale = (plot.bottom - plot.top) / ceiling;
  days.forEach((day, i) => {
    const x = plot.left + i * slot + (slot - width) / 2;
    let base = plot.bottom;
    for (const outcome of OUTCOMES) {
      const height = day[outcome] * scale;
      if (height <= 0) continue;
      const top = base - height;
      flow.paint((doc) => {
        doc.rect(x, top, width, height).fill(OUTCOME_COLOURS[outcome]);
        if (slot > 4)
          doc
            .moveTo(x, top)
            .lineTo(x + width, top)
            .lineWidth(0.4)
            .strokeColor(INK.white)
            .stroke();
      });
      base = top;
    }
  });
}

function drawDayLabels(flow: PageFlow, plot: Plot, days: readonly DayCounts[]): void {
  if (days.length === 0) return;
  const slot = (plot.right - plot.left) / days.length;
  const sample = flow.widthOf(AXIS_TEXT, '00-00');
  const every = Math.max(1, Math.ceil((sample + 6) / slot));
  days.forEach((day, i) => {
    if (i % every !== 0) return;
    const label = day.day.slice(5, 10);
    const x = plot.left + i * slot + slot / 2 - flow.widthOf(AXIS_TEXT, label) / 2;
    flow.paint((doc) => {
      doc
        .moveTo(x + flow.widthOf(AXIS_TEXT, label) / 2, plot.bottom)
        .lineTo(x + flow.widthOf(AXIS_TEXT, label) / 2, plot.bottom + 3)
        .lineWidth(0.6)
        .strokeColor(INK.text)
        .stroke();
    });
    flow.text(AXIS_TEXT, x, plot.bottom + 4, label);
  });
  const title = `day (UTC, month-day)`;
  flow.text(
    AXIS_TEXT,
    plot.right - flow.widthOf(AXIS_TEXT, title),
    plot.bottom + 4 + flow.lineHeight(AXIS_TEXT) + 2,
    title,
  );
}
