import { Canvas } from './canvas.js';
import { encodePng } from './png.js';

export interface ChartSeries {
  label: string;
  color: string;
  /** One count per day. */
  counts: number[];
}

/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

export interface DailyChart {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Daily counts per narrative as lines over the week, with a y-axis maximum and day-of-month labels; the legend is
 * HTML beside the image (text in the image would need a font). 600×240, about 3–6 KB.
 */
export function renderDailyChart(series: readonly ChartSeries[], dayLabels: readonly string[], width = 600, height = 240): DailyChart {
  const canvas = new Canvas(width, height, '#ffffff');
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 28;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const days = Math.max(2, dayLabels.length);
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.counts)));
  for (let g = 0; g <= 4; g++) canvas.fillRect(left, top + Math.round((plotH * g) / 4), plotW, 1, '#e5e7eb');
  canvas.fillRect(left, top, 1, plotH, '#9ca3af');
  canvas.fillRect(left, top + plotH, plotW, 1, '#9ca3af');
  canvas.text(4, top, String(max), 2, '#374151');
  canvas.text(4 + 8 * (String(max).length - 1), top + plotH - 10, '0', 2, '#374151');
  const xOf = (i: number) => left + Math.round((plotW * i) / (days - 1));
  const yOf = (n: number) => top + plotH - Math.round((plotH * n) / max);
  dayLabels.forEach((label, i) => canvas.text(Math.min(width - 8 * label.length, Math.max(0, xOf(i) - 4 * label.length)), height - 18, label, 2, '#374151'));
  for (const s of series) {
    for (let i = 1; i < s.counts.length; i++) canvas.line(xOf(i - 1), yOf(s.counts[i - 1] ?? 0), xOf(i), yOf(s.counts[i] ?? 0), 3, s.color);
    s.counts.forEach((n, i) => canvas.fillRect(xOf(i) - 3, yOf(n) - 3, 7, 7, s.color));
  }
  return { png: encodePng(width, height, canvas.pixels), width, height };
}

/** 1, 2, 5 × 10^k at or above `n`, so the axis label is a round number. */
function niceMax(n: number): number {
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}
