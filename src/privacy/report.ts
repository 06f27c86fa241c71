import type { Config } from '../config/index.js';
import { watchlistKeyPath } from '../threat-cases/index.js';

export type ReportLanguage = 'sv' | 'en';

/** One kind of data Vaksam keeps: what, why, how long (from the configuration in force) and the key that sets it. */
export interface ProcessingRow {
  data: string;
  purpose: string;
  retention: string;
  key: string;
}

export interface PrivacyReport {
  controller: string;
  contact: string;
  storage: string;
  pseudonymKey: string;
  rows: ProcessingRow[];
}

/**
 * The processing as configured now (issue 20), for `vaksam privacy report`, the privacy page and the DPIA: every
 * period comes from the loaded configuration, so the table says what this installation does, not the defaults.
 */
export function privacyReport(config: Readonly<Config>, lang: ReportLanguage): PrivacyReport {
  const p = config.privacy;
  const t = config.threats;
  const sv = lang === 'sv';
  const days = (n: number) => (sv ? `${n} dagar` : `${n} days`);
  const row = (data: [string, string], purpose: [string, string], retention: [string, string], key: string): ProcessingRow => ({
    data: sv ? data[0] : data[1],
    purpose: sv ? purpose[0] : purpose[1],
    retention: sv ? retention[0] : retention[1],
    key,
  });
  const unset = sv ? 'ej angivet' : 'not set';
  return {
    controller: p.controller ?? `${unset} (privacy.controller)`,
    contact: p.contact ?? `${unset} (privacy.contact)`,
    storage: config.database.url === null ? (sv ? `inbäddad PostgreSQL i ${config.database.dataDir}` : `embedded PostgreSQL in ${config.database.dataDir}`) : `PostgreSQL ${hostOf(config.database.url)}`,
    pseudonymKey: t.watchlistKey !== null ? (sv ? 'threats.watchlistKey (miljövariabel/fil)' : 'threats.watchlistKey (environment/file)') : watchlistKeyPath(t, config.database.dataDir),
    rows: [
      row(['Inlägg som inte träffade något narrativ eller hot', 'Posts that matched no narrative and no threat'], ['Klassificeras och kastas', 'Classified, then discarded'], [`raderas efter ${days(p.unmatchedPostDays)}; antal per källa och dag sparas`, `deleted after ${days(p.unmatchedPostDays)}; counts per source and day kept`], 'privacy.unmatchedPostDays'),
      row(['Inlägg som träffade ett narrativ eller hot, utan ärende', 'Posts matching a narrative or threat, outside cases'], ['Toppvarningar, veckosammanfattning, statistik', 'Surge alerts, weekly digest, statistics'], [`fullständiga i ${days(p.pseudonymiseAfterDays)}, sedan ersätts användarnamnet med en nyckelad hash och länk och identifierande metadata tas bort`, `whole for ${days(p.pseudonymiseAfterDays)}, then the handle becomes a keyed hash and URL and identifying metadata are removed`], 'privacy.pseudonymiseAfterDays'),
      row(['Hotärenden som är öppna', 'Open threat cases'], ['Personalens säkerhet', 'Staff safety'], ['sparas så länge ärendet är öppet', 'kept while the case is open'], '–'),
      row(['Avskrivna hotärenden', 'Dismissed threat cases'], ['Uppföljning, precision per regel', 'Follow-up, precision per rule'], [`texter tas bort efter ${days(t.dismissedRetentionDays)}, alla personuppgifter efter ${days(p.closedCaseDays)}`, `texts removed after ${days(t.dismissedRetentionDays)}, all personal data after ${days(p.closedCaseDays)}`], 'threats.dismissedRetentionDays, privacy.closedCaseDays'),
      row(['Hotärenden polisanmälda', 'Threat cases reported to the police'], ['Polisens utredning', 'Police investigation'], [`sparas tills polisen släpper ärendet, sedan ${days(p.closedCaseDays)}`, `kept until the police release the case, then ${days(p.closedCaseDays)}`], 'privacy.closedCaseDays'),
      row(['Personalens tips (namn, adress, skärmbilder)', 'Staff reports (name, address, screenshots)'], ['Hotbedömning', 'Threat assessment'], ['följer ärendet', 'follow their case'], 'threats.dismissedRetentionDays, privacy.closedCaseDays'),
      row(['Bevakningslista (personalens namn, adresser)', 'Staff watchlist (names, addresses)'], ['Upptäcka hängning och hot mot namngiven personal', 'Detect doxxing and threats against named staff'], ['krypterad, tills den tas bort', 'sealed, until removed'], 'threats.watchlistKey'),
      row(['Mottagare och konton', 'Recipients and accounts'], ['Larm och inloggning', 'Alerts and sign-in'], [`tills de tas bort; sessioner högst ${config.http.sessionMaxHours} h; inloggningsförsök ${config.http.login.windowMinutes} min`, `until removed; sessions at most ${config.http.sessionMaxHours} h; sign-in attempts ${config.http.login.windowMinutes} min`], 'http.sessionMaxHours, http.login.windowMinutes'),
      row(['Granskningslogg', 'Audit log'], ['Ansvarsskyldighet', 'Accountability'], ['sparas; förfrågningar loggas med hash, aldrig användarnamnet', 'kept; requests are logged by hash, never the handle'], '–'),
    ],
  };
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(database.url)';
  }
}

/** The report as a plain-text table for a terminal. */
export function formatPrivacyReport(report: PrivacyReport, lang: ReportLanguage): string {
  const head = lang === 'sv' ? ['Uppgifter', 'Ändamål', 'Lagringstid', 'Inställning'] : ['Data', 'Purpose', 'Retention', 'Setting'];
  const table = [head, ...report.rows.map((r) => [r.data, r.purpose, r.retention, r.key])];
  const widths = head.map((_, i) => Math.min(60, Math.max(...table.map((cells) => (cells[i] ?? '').length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const labels = lang === 'sv' ? ['Personuppgiftsansvarig', 'Kontakt', 'Lagring', 'Pseudonymnyckel'] : ['Controller', 'Contact', 'Storage', 'Pseudonym key'];
  const facts = [report.controller, report.contact, report.storage, report.pseudonymKey].map((v, i) => `${labels[i]}: ${v}`);
  return `${facts.join('\n')}\n\n${[line(head), line(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(line)].join('\n')}\n`;
}
