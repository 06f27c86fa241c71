/**
 * The words people read for the product's codes (levels, statuses, kinds…), in Swedish and English. Emails, digests
 * and the web UI all take them from here, so a status is called the same everywhere and never shown as its code.
 */
export type Language = 'sv' | 'en';
type Words = Readonly<Record<string, Readonly<Record<Language, string>>>>;

const w = (sv: string, en: string) => ({ sv, en });

export const VOCABULARY = {
  level: {
    none: w('ingen', 'none'),
    low: w('låg', 'low'),
    medium: w('medel', 'medium'),
    high: w('hög', 'high'),
    critical: w('kritisk', 'critical'),
  },
  category: {
    threat: w('hot', 'threat'),
    doxxing: w('uthängning', 'doxxing'),
    mobilization: w('mobilisering', 'mobilisation'),
    hostile: w('fientlighet', 'hostility'),
  },
  caseStatus: {
    new: w('ny', 'new'),
    acknowledged: w('kvitterad', 'acknowledged'),
    escalated: w('polisanmäld', 'reported to police'),
    dismissed: w('avfärdad', 'dismissed'),
  },
  signalKind: {
    threat: w('hot', 'threat'),
    menace: w('hotfull varning', 'menace'),
    means: w('vapen eller brand', 'weapon or fire'),
    time: w('tidpunkt', 'time'),
    place: w('plats', 'place'),
    gathering: w('uppmaning att samlas', 'call to gather'),
    flood: w('uppmaning att överösa', 'call to flood'),
    hostile: w('förolämpning', 'insult'),
    dehumanising: w('avhumanisering', 'dehumanising'),
    exposure: w('uthängning', 'exposure'),
    photo: w('bilder på person', 'photos of a person'),
    'personal-ref': w('personuppgift', 'personal detail'),
    phone: w('telefonnummer', 'phone number'),
    address: w('adress', 'address'),
    watchlist: w('bevakad person eller adress', 'watchlist hit'),
  },
  stance: {
    spreading: w('sprider', 'spreading'),
    countering: w('bemöter', 'countering'),
    reporting: w('rapporterar', 'reporting'),
    concern: w('oro/kritik', 'concern/criticism'),
  },
  health: {
    new: w('ny', 'new'),
    healthy: w('fungerar', 'healthy'),
    failing: w('fel', 'failing'),
    unhealthy: w('ur funktion', 'unhealthy'),
  },
  runStatus: {
    running: w('pågår', 'running'),
    ok: w('lyckades', 'ok'),
    not_modified: w('oförändrad', 'not modified'),
    failed: w('misslyckades', 'failed'),
    skipped: w('hoppades över', 'skipped'),
  },
  alertKind: {
    surge: w('ökning', 'surge'),
    threat: w('hot', 'threat'),
    'threat-growth': w('växande hotärende', 'growing threat case'),
    'threat-batch': w('att uppmärksamma', 'heads-up'),
    escalation: w('eskalering', 'escalation'),
    'source-silence': w('tyst källa', 'silent source'),
    digest: w('veckosammanfattning', 'weekly digest'),
    test: w('provmejl', 'test email'),
  },
  severity: {
    info: w('information', 'information'),
    surge: w('ökning', 'surge'),
    low: w('låg', 'low'),
    medium: w('medel', 'medium'),
    high: w('hög', 'high'),
    critical: w('kritisk', 'critical'),
  },
  deliveryStatus: {
    pending: w('väntar', 'pending'),
    sending: w('skickas', 'sending'),
    sent: w('skickat', 'sent'),
    failed: w('misslyckades', 'failed'),
    unknown: w('okänt', 'unknown'),
    cancelled: w('avbrutet', 'cancelled'),
  },
  role: {
    admin: w('administratör', 'administrator'),
    security: w('säkerhet', 'security'),
    communications: w('kommunikation', 'communications'),
    viewer: w('läsare', 'viewer'),
  },
  surgeChannel: {
    social: w('sociala medier', 'social media'),
    news: w('nyheter och webb', 'news and web'),
  },
  channelKind: {
    email: w('e-post', 'email'),
    sms: w('sms', 'SMS'),
    teams: w('Teams', 'Teams'),
    slack: w('Slack', 'Slack'),
    webhook: w('webhook', 'webhook'),
  },
  sourceKind: {
    feed: w('nyhetsflöde', 'news feed'),
    web: w('webbsida', 'web page'),
    mastodon: w('Mastodon', 'Mastodon'),
    bluesky: w('Bluesky', 'Bluesky'),
    telegram: w('Telegram', 'Telegram'),
    reddit: w('Reddit', 'Reddit'),
    youtube: w('YouTube', 'YouTube'),
    import: w('import', 'import'),
  },
  queue: {
    collect: w('insamling', 'collect'),
    classify: w('klassning', 'classify'),
    maintenance: w('underhåll', 'maintenance'),
    alert: w('larm', 'alert'),
    mail: w('utskick', 'delivery'),
  },
  jobState: {
    waiting: w('väntar', 'waiting'),
    active: w('pågår', 'active'),
    delayed: w('fördröjda', 'delayed'),
    prioritized: w('prioriterade', 'prioritised'),
    'waiting-children': w('väntar på delsteg', 'waiting for children'),
    paused: w('pausade', 'paused'),
    failed: w('misslyckade', 'failed'),
    completed: w('klara', 'completed'),
  },
  caseVerdict: {
    confirmed: w('bekräftat hot', 'confirmed threat'),
    'not-a-threat': w('inget hot', 'not a threat'),
    'wrong-level': w('fel nivå', 'wrong level'),
  },
  watchlistKind: {
    name: w('namn', 'name'),
    address: w('adress', 'address'),
  },
  language: {
    sv: w('svenska', 'Swedish'),
    en: w('engelska', 'English'),
    ar: w('arabiska', 'Arabic'),
    und: w('okänt', 'unknown'),
  },
} as const satisfies Record<string, Words>;

export type VocabularyGroup = keyof typeof VOCABULARY;

/** The word for a code; a code the vocabulary does not know (a new kind) is shown as it is rather than hidden. */
export function term(lang: Language, group: VocabularyGroup, code: string): string {
  const words: Words = VOCABULARY[group];
  return Object.hasOwn(words, code) ? (words[code] as Record<Language, string>)[lang] : code;
}

/**
 * Why a post is in the threat review queue, as reviewers read it: "Föreslagen av modellen (poäng 0,87)" when only
 * the learned model put it there, else "Matchade regel sv/threat-harm" (issue 15).
 */
export function queueReason(lang: Language, post: { suggested: boolean; modelScore: number | null; rules: readonly string[] }): string {
  if (post.suggested) {
    const score = (post.modelScore ?? 0).toFixed(2);
    return lang === 'sv' ? `Föreslagen av modellen (poäng ${score.replace('.', ',')})` : `Suggested by the model (score ${score})`;
  }
  const rules = post.rules.join(', ');
  if (post.rules.length === 0) return lang === 'sv' ? 'Bedömd av reglerna' : 'Assessed by the rules';
  if (lang === 'sv') return post.rules.length === 1 ? `Matchade regel ${rules}` : `Matchade regler ${rules}`;
  return post.rules.length === 1 ? `Matched rule ${rules}` : `Matched rules ${rules}`;
}

/** Several codes as one comma-separated phrase. */
export function terms(lang: Language, group: VocabularyGroup, codes: readonly string[]): string {
  return codes.map((c) => term(lang, group, c)).join(', ');
}

/** The first letter in upper case, for a word that starts a table cell or a title. */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
}
