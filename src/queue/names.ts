/** Every BullMQ queue Vaksam uses. Job names equal queue names: one kind of job per queue. */
export const QUEUE = {
  collect: 'collect',
  classify: 'classify',
  maintenance: 'maintenance',
  alert: 'alert',
  mail: 'mail',
  tipline: 'tipline',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUE);

/** Payloads carry ids only: post text and personal data stay in Postgres. */
export interface CollectJobData {
  sourceId: number;
}
export interface ClassifyJobData {
  postIds: number[];
}
export interface MaintenanceJobData {
  /** `threat-retention`: every retention rule of issue 20 (the name predates them; schedulers keep it). */
  task: 'classify-sweep' | 'threat-retention';
}

/** `posts`: a classify batch was stored (the event entry point); `tick`: the repeating evaluation. */
export type AlertJobData = { task: 'posts'; postIds: number[] } | { task: 'tick' };
/** Outbox row ids to send now; none: a sweep of every due row. */
export interface MailJobData {
  outboxIds?: number[];
}
/** `report`: OCR, capture and file one staff report; `poll-mailbox`: read the report mailbox; `sweep`: re-enqueue lost reports. */
export type TiplineJobData = { task: 'report'; reportId: number } | { task: 'poll-mailbox' } | { task: 'sweep' };
export const TIPLINE_SWEEP_SCHEDULER = 'tipline-sweep';
export const TIPLINE_MAILBOX_SCHEDULER = 'tipline-mailbox';
export const ALERT_TICK_SCHEDULER = 'alert-tick';
export const MAIL_SWEEP_SCHEDULER = 'mail-sweep';

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}

export const collectSchedulerId = (sourceId: number) => `source:${sourceId}`;
export const CLASSIFY_SWEEP_SCHEDULER = 'classify-sweep';
export const THREAT_RETENTION_SCHEDULER = 'threat-retention';
