/** A moment in UTC and as Swedish wall-clock time with its offset, as a police report wants both. */
export interface EvidenceTime {
  utc: string;
  /** `2024-07-01T14:00:00+02:00` (Europe/Stockholm, summer or winter time). */
  stockholm: string;
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

export function evidenceTime(date: Date): EvidenceTime {
  const parts = Object.fromEntries(STOCKHOLM.formatToParts(date).map((p) => [p.type, p.value]));
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return {
    utc: date.toISOString(),
    stockholm: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`,
  };
}
