import type { RetentionRule } from '../../privacy/index.js';
import type { Text } from '../views/i18n.js';

/** The words of the data protection page (issue 20), Swedish first. */
export const PRIVACY_TEXT = {
  title: { sv: 'Dataskydd', en: 'Data protection' },
  request: { sv: 'Registerutdrag och radering', en: 'Access and erasure' },
  handle: { sv: 'Användarnamn', en: 'Handle' },
  platform: { sv: 'Plattform (valfritt)', en: 'Platform (optional)' },
  find: { sv: 'Sök', en: 'Find' },
  posts: { sv: 'Inlägg', en: 'Posts' },
  cases: { sv: 'Poster i hotärenden', en: 'Case entries' },
  watchlist: { sv: 'Träffar på bevakningslistan', en: 'Watchlist hits' },
  reports: { sv: 'Tips från personal', en: 'Staff reports' },
  mentions: { sv: 'Omnämnanden i andras inlägg', en: "Mentions in others' posts" },
  alerts: { sv: 'Larm och e-post', en: 'Alerts and emails' },
  quarantined: { sv: 'Karantän', en: 'Quarantined items' },
  missedThreats: { sv: 'Kopior av missade hot (granskare)', en: "Reviewers' copies of missed threats" },
  truncated: { sv: 'Fler finns än som visas; exporten och raderingen omfattar alla.', en: 'More exist than shown; export and erasure cover them all.' },
  held: {
    sv: 'Ärende {id} är polisanmält ({ref}) och inte släppt: uppgifterna där sparas vid radering.',
    en: 'Case {id} is reported to the police ({ref}) and not released: its data are kept through an erasure.',
  },
  export: { sv: 'Ladda ner registerutdrag (JSON)', en: 'Download the record (JSON)' },
  confirm: { sv: 'Jag förstår att raderingen inte kan ångras', en: 'I understand that erasure cannot be undone' },
  confirmNeeded: { sv: 'Bekräfta raderingen med kryssrutan.', en: 'Confirm the erasure with the checkbox.' },
  erase: { sv: 'Radera', en: 'Erase' },
  erased: {
    sv: 'Raderat: {posts} inlägg, {entries} poster i ärenden avidentifierade, {reports} tips rensade, {mentions} omnämnanden och {alerts} larm ersatta med [raderad].',
    en: 'Erased: {posts} post(s), {entries} case entr(ies) anonymised, {reports} report(s) scrubbed, {mentions} mention(s) and {alerts} alert(s) replaced by [raderad].',
  },
  kept: {
    sv: '{n} post(er) i ärende {id} sparas: ärendet är polisanmält ({ref}) och inte släppt. De raderas när polisen släppt ärendet.',
    en: '{n} entr(ies) in case {id} are kept: the case is reported to the police ({ref}) and not released. They go once the police release it.',
  },
  retention: { sv: 'Gallring', en: 'Retention' },
  rule: { sv: 'Regel', en: 'Rule' },
  lastRun: { sv: 'Senaste körningen', en: 'Last run' },
  total: { sv: 'Totalt', en: 'Total' },
  when: { sv: 'När', en: 'When' },
  never: { sv: 'aldrig', en: 'never' },
  processing: { sv: 'Behandlingen enligt inställningarna', en: 'The processing as configured' },
  controller: { sv: 'Personuppgiftsansvarig', en: 'Controller' },
  contact: { sv: 'Kontakt', en: 'Contact' },
  storage: { sv: 'Lagring', en: 'Storage' },
  data: { sv: 'Uppgifter', en: 'Data' },
  purpose: { sv: 'Ändamål', en: 'Purpose' },
  period: { sv: 'Lagringstid', en: 'Retention' },
  setting: { sv: 'Inställning', en: 'Setting' },
} satisfies Record<string, Text>;

export const RULE_NAMES: Record<RetentionRule, Text> = {
  'unmatched-posts': { sv: 'Inlägg utan träff raderade', en: 'Unmatched posts deleted' },
  'handles-pseudonymised': { sv: 'Användarnamn pseudonymiserade', en: 'Handles pseudonymised' },
  'dismissed-texts': { sv: 'Avskrivna ärenden: texter borttagna', en: 'Dismissed cases: texts removed' },
  'closed-cases': { sv: 'Avslutade ärenden avidentifierade', en: 'Closed cases anonymised' },
  'closed-case-posts': { sv: 'Inlägg i avslutade ärenden', en: 'Posts of closed cases' },
};
