/** Query parameters whose values must never reach a log line or an error message. */
const SECRET_NAMES = [
  'access[_-]?token',
  'token',
  'api[_-]?key',
  'key',
  'secret',
  'sig',
  'signature',
  'pass(word|wd)?',
  'auth',
  'session(id)?',
  'code',
  'credentials?',
].join('|');
const SECRET_PARAM = new RegExp(`(^|[_\\-.])(${SECRET_NAMES})$`, 'i');

const MAX_UNPARSEABLE_LENGTH = 200;

/** The URL without credentials, fragment and secret query values, for messages and logs. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Still hide anything that looks like user:pass@ in text we could not parse.
    return raw.replace(/\/\/[^/@\s]*@/, '//[redacted]@').slice(0, MAX_UNPARSEABLE_LENGTH);
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '[redacted]');
  }
  return url.toString();
}
