import type { SourceRow, recentFetchRuns } from '../../db/queries/index.js';

type RunRow = Awaited<ReturnType<typeof recentFetchRuns>>[number];

/** A fixed-width table a person can scan: health first, because that is what `sources list` is for. */
export function formatSourceTable(rows: SourceRow[], nextRuns: Map<number, Date>, now: Date): string {
  if (rows.length === 0) return 'no sources yet: add one with `vaksam sources add feed URL`\n';
  const header = ['ID', 'KIND', 'NAME', 'STATE', 'HEALTH', 'LAST SUCCESS', 'NEXT RUN', 'ITEMS', 'QUAR.', 'LAST ERROR'];
  const body = rows.map((r) => [
    String(r.id),
    r.kind,
    truncate(r.name, 32),
    r.enabled ? 'enabled' : 'paused',
    r.health + (r.consecutiveFailures > 0 ? ` (${r.consecutiveFailures}×)` : ''),
    relative(r.lastSuccessAt, now),
    r.enabled ? (r.backoffUntil && r.backoffUntil > now ? `backoff ${relative(r.backoffUntil, now)}` : relative(nextRuns.get(r.id) ?? null, now)) : '-',
    String(r.itemsTotal),
    String(r.quarantinedTotal),
    r.lastError ? truncate(`${r.lastErrorCode ?? ''} ${r.lastError}`.trim(), 60) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...body.map(line)].join('\n') + '\n';
}

export function formatSourceDetail(row: SourceRow, runs: RunRow[], nextRun: Date | null): string {
  const lines = [
    `source ${row.id}: ${row.name}`,
    `  kind         ${row.kind}`,
    `  url          ${row.url}`,
    `  state        ${row.enabled ? 'enabled' : 'paused'}, every ${row.everyMinutes} min, next run ${nextRun?.toISOString() ?? '-'}`,
    `  health       ${row.health}, ${row.consecutiveFailures} consecutive failure(s)${row.backoffUntil ? `, backed off until ${row.backoffUntil.toISOString()}` : ''}`,
    `  last success ${row.lastSuccessAt?.toISOString() ?? '-'}; last new items ${row.lastItemsAt?.toISOString() ?? '-'}`,
    `  last error   ${row.lastErrorAt ? `${row.lastErrorAt.toISOString()} ${row.lastErrorCode}: ${row.lastError}` : '-'}`,
    `  items        ${row.itemsTotal} stored, ${row.quarantinedTotal} quarantined`,
    `  config       ${JSON.stringify(row.config)}`,
    `  cursor       ${JSON.stringify(row.cursor)}`,
    '  recent runs:',
    ...runs.map(
      (r) =>
        `    ${r.startedAt.toISOString()}  ${r.status.padEnd(12)} HTTP ${r.httpStatus ?? '-'}  seen ${r.itemsSeen}, new ${r.itemsNew}, updated ${r.itemsUpdated}, quarantined ${r.itemsQuarantined}, ${r.bytes} B, ${r.durationMs ?? '-'} ms${r.errorCode ? `  ${r.errorCode}: ${r.error}` : ''}`,
    ),
  ];
  return lines.join('\n') + '\n';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function relative(at: Date | null, now: Date): string {
  if (!at) return '-';
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const text = abs < 90 ? `${abs}s` : abs < 5400 ? `${Math.round(abs / 60)}m` : abs < 172_800 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86_400)}d`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}
