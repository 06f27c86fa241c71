/**
 * Every column that can hold personal data, and how requests of data subjects reach it (issue 20). `author`
 * columns hold data about the people whose posts are collected: `privacy find` lists them and `privacy erase`
 * clears them (test/privacy/person.test.ts seeds a handle into each and checks). The others hold staff, accounts or
 * configuration and say what handles them. A test fails when the schema gains a column that looks personal
 * (author, handle, email, name, url, text, …) and is not listed here: decide its coverage before shipping it.
 */
export type PersonalDataSubject = 'author' | 'staff' | 'account' | 'configuration' | 'none';

export interface PersonalDataColumn {
  subject: PersonalDataSubject;
  /** How access and erasure reach it, or why it holds no one's data. */
  how: string;
}

const author = (how: string): PersonalDataColumn => ({ subject: 'author', how });
const staff = (how: string): PersonalDataColumn => ({ subject: 'staff', how });
const account = (how: string): PersonalDataColumn => ({ subject: 'account', how });
const configuration = (how: string): PersonalDataColumn => ({ subject: 'configuration', how });
const none = (how: string): PersonalDataColumn => ({ subject: 'none', how });

export const PERSONAL_DATA_COLUMNS: Readonly<Record<string, PersonalDataColumn>> = {
  'posts.author_handle': author('find by handle or its pseudonym; erase removes the post'),
  'posts.url': author('removed with the post; in other posts a URL naming the handle is cleared'),
  'posts.title': author('removed with the post; mentions replaced by [raderad]'),
  'posts.text': author('removed with the post; mentions replaced by [raderad]'),
  'posts.metadata': author('removed with the post; mentions, sharers and signers replaced by [raderad]'),
  'post_threats.signals': author('removed with the post; signal texts naming the handle replaced'),
  'threat_case_posts.author_handle': author('cleared unless the case is held by the police'),
  'threat_case_posts.url': author('cleared unless the case is held by the police'),
  'threat_case_posts.text': author('cleared unless the case is held by the police (the SHA-256 stays)'),
  'threat_case_posts.signals': author('signal texts cleared unless the case is held by the police'),
  'threat_case_posts.exchanges': author('HTTP exchanges (URLs naming the channel) cleared unless the case is held'),
  'tipline_reports.reported_url': author('cleared when it names the handle or links a post of it'),
  'tipline_reports.capture': author('capture summary author, title and text cleared'),
  'tipline_captures.url': author('captured page cleared'),
  'tipline_captures.final_url': author('captured page cleared'),
  'tipline_captures.headers': author('captured page cleared'),
  'tipline_captures.html': author('captured page cleared'),
  'tipline_captures.text': author('captured page cleared'),
  'quarantine.raw': author('items whose payload names the handle are deleted'),
  'alerts.payload': author('the handle is replaced by [raderad]'),
  'alerts.content': author('the handle is replaced by [raderad]'),
  'mail_outbox.subject': author('the handle is replaced by [raderad]'),
  'mail_outbox.text': author('the handle is replaced by [raderad]'),
  'mail_outbox.html': author('the handle is replaced by [raderad]'),
  'channel_outbox.payload': author('the handle is replaced by [raderad]'),
  'threat_missed_posts.text': author("a reviewer's copy of a missed threat: deleted with the person's post, else the handle is replaced"),
  'threat_missed_posts.url': author('deleted with the copy, or cleared when it names the handle'),
  'threat_missed_posts.note': author("the reviewer's note: the handle is replaced by [raderad]"),

  'tipline_reports.reporter_user_id': staff('the reporting staff member; removed by the case rule (purgeCaseReports)'),
  'tipline_reports.reporter_name': staff('the reporting staff member; removed by the case rule'),
  'tipline_reports.reporter_email': staff('the reporting staff member; removed by the case rule'),
  'tipline_reports.subject': staff("the reporter's email subject; removed by the case rule"),
  'tipline_reports.metadata': staff('mailbox headers of the report; removed by the case rule'),
  'tipline_screenshots.filename': staff('file name chosen by the reporter; the image and OCR text go with the case rule'),
  'tipline_screenshots.removed_metadata': none('names of the metadata fields removed (e.g. GPS), not their values'),
  'tipline_screenshots.data': staff('the screenshot; removed by the case rule'),
  'tipline_screenshots.ocr_text': staff('text read from the screenshot; removed by the case rule'),
  'tipline_codes.email': staff('work address asking for a code; deleted when the code expires'),
  'tipline_reporter_sessions.email': staff('verified work address; deleted when the session expires'),
  'tipline_links.name': configuration('organisation a secret link is for'),
  'tipline_links.created_by': account('the admin who made the link'),
  'watchlist_entries.sealed': staff('sealed staff name or address; `watchlist remove` deletes it'),
  'watchlist_entries.created_by': account('the coordinator who added it'),
  'recipients.name': staff('alert recipient; `recipients remove` deletes it'),
  'recipients.email': staff('alert recipient; `recipients remove` deletes it'),
  'recipients.phone': staff('alert recipient; `recipients remove` deletes it'),
  'mail_outbox.to_address': staff('recipient address of a sent email'),
  'mail_outbox.headers': none('Message-ID, thread and list headers'),
  'users.username': account('`users` commands and the Users page'),
  'users.display_name': account('`users` commands and the Users page'),
  'users.oidc_subject': account('`users` commands and the Users page'),
  'sessions.ip': account('deleted when the session ends'),
  'sessions.user_agent': account('deleted when the session ends'),
  'login_attempts.username': account('kept for the rate-limit window'),
  'login_attempts.ip': account('kept for the rate-limit window'),
  'audit_log.actor': account('who changed what: the accountability record'),
  'audit_log.subject': none('what was changed (ids, slugs); privacy requests are logged by a keyed hash'),
  'threat_case_events.actor': account('who decided what on a case'),
  'threat_case_events.note': account("reviewers' notes: the case's decision record"),
  'threat_cases.assignee': account('who handles the case'),
  'threat_cases.police_ref': none('police report reference of the case'),
  'threat_cases.police_released_at': none('when the police released the case'),
  'narrative_versions.created_by': account('who saved a catalogue version'),
  'threat_rule_versions.created_by': account('who saved a rules version'),
  'alerts.subject': none('slug, case or source id, ISO week'),
  'sources.name': configuration('a followed account or channel is removed with `sources remove`'),
  'sources.url': configuration('a followed account or channel is removed with `sources remove`'),
  'fetch_runs.exchanges': configuration("requests of a source's runs; removed with the source"),
  'claims.text': none('published fact-checks'),
  'claims.url': none('published fact-checks'),
  'claims.raw': none('published fact-checks'),
};

/** Column names that suggest personal data; a schema column matching this must be in PERSONAL_DATA_COLUMNS. */
export const PERSONAL_COLUMN_NAME = /author|handle|email|reporter|name|url|phone|^ip$|user_agent|^text$|html|ocr_text|metadata|payload|^content$|capture|signals|sealed|actor|assignee|note|subject|title|^raw$|exchanges|headers|to_address|^data$|police|created_by/u;
