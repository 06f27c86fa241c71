import { html, type SafeHtml } from './html.js';

export interface ChartSeries {
  label: string;
  values: readonly number[];
}

export interface ChartOptions {
  title: string;
  /** One label per x position (days). */
  xLabels: readonly string[];
  kind: 'bars' | 'lines';
  series: readonly ChartSeries[];
}

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
/** Series colours come from CSS classes s0…s7: no inline style, so the CSP needs no 'unsafe-inline'. */
const PALETTE_SIZE = 8;

/**
 * A static SVG chart drawn on the server: no script, no inline style. Bars show one series; lines show several,
 * with a legend. A data table follows for screen readers and for exact numbers.
 */
export function svgChart(options: ChartOptions): SafeHtml {
  const max = niceMax(Math.max(1, ...options.series.flatMap((s) => s.values)));
  const n = Math.max(1, options.xLabels.length);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / n;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  const labelEvery = Math.ceil(n / 10);
  const titleId = `chart-${options.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  return html`<figure class="chart-figure">
<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${titleId}">
<title id="${titleId}">${options.title}</title>
${ticks.map((t) => html`<line class="grid-line" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${formatTick(t)}</text>`)}
<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>
${options.xLabels.map((label, i) => (i % labelEvery === 0 ? html`<text x="${x(i).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${label}</text>` : ''))}
${options.kind === 'bars' ? bars(options.series[0]?.values ?? [], x, y, step, PAD.top + plotH) : lines(options.series, x, y)}
</svg>
${options.kind === 'lines' ? legend(options.series) : ''}
<details><summary>${options.title}: data</summary>${dataTable(options)}</details>
</figure>`;
}

function bars(values: readonly number[], x: (i: number) => number, y: (v: number) => number, step: number, base: number): SafeHtml {
  const w = Math.max(1, step * 0.7);
  return html`${values.map((v, i) => html`<rect class="bar" x="${(x(i) - w / 2).toFixed(1)}" y="${y(v).toFixed(1)}" width="${w.toFixed(1)}" height="${(base - y(v)).toFixed(1)}"><title>${v}</title></rect>`)}`;
}

function lines(series: readonly ChartSeries[], x: (i: number) => number, y: (v: number) => number): SafeHtml {
  return html`${series.map((s, k) => {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return html`<polyline class="s${k % PALETTE_SIZE}" points="${points}"><title>${s.label}</title></polyline>`;
  })}`;
}

function legend(series: readonly ChartSeries[]): SafeHtml {
  return html`<ul class="legend">${series.map((s, k) => html`<li><svg width="12" height="12" aria-hidden="true"><rect class="s${k % PALETTE_SIZE}" width="12" height="12" rx="2"/></svg> ${s.label}</li>`)}</ul>`;
}

function dataTable(options: ChartOptions): SafeHtml {
  return html`<table class="small"><thead><tr><th></th>${options.series.map((s) => html`<th class="num">${s.label}</th>`)}</tr></thead>
<tbody>${options.xLabels.map((label, i) => html`<tr><th>${label}</th>${options.series.map((s) => html`<td class="num">${s.values[i] ?? 0}</td>`)}</tr>`)}</tbody></table>`;
}

/** 1, 2 or 5 times a power of ten at or above the maximum, so grid lines fall on round numbers. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
