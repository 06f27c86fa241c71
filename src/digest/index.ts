// Pure: ISO weeks across DST, the role-shaped digest content, the PNG chart.
export type { DigestSettings } from '../config/index.js';
export { addWeeks, digestDueAt, dueDigestWeek, formatIsoWeek, isoWeekAt, isoWeekOfDate, parseIsoWeek, weekDays, weekRange, DigestWeekError, type IsoWeek } from './iso-week.js';
export { digestEmail, digestLink, CHART_CID, CHART_SERIES, type DigestReader } from './email.js';
export { trendPercent, type DigestStats, type NarrativeWeek } from './stats.js';
export { renderDailyChart, SERIES_COLORS, type ChartSeries, type DailyChart } from './chart/daily-chart.js';
export { encodePng } from './chart/png.js';
// I/O edges.
export { loadDigestStats, type DigestSource } from './jobs/load-stats.js';
export { chartFor, digestKey, previewDigest, sendDueDigests, sendWeeklyDigests, type DigestDeps } from './jobs/send.js';
