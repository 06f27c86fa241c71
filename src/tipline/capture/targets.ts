/** Which collector reads a reported URL, and what to fetch for it. */
export interface CaptureTarget {
  parser: 'telegram' | 'mastodon' | 'reddit' | 'web';
  fetchUrl: string;
  /** The post the parser must pick from the page (Telegram pages show several). */
  postKey: string | null;
  accept: string;
  /** Machine endpoints the collectors also fetch without a robots.txt check (the Mastodon and Reddit JSON APIs). */
  ignoreRobots: boolean;
}

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/**
 * Maps a reported URL to the collector that knows its site: a Telegram post to its channel's web preview, a
 * Mastodon status to the instance's status API, a Reddit thread to its public JSON; any other page is read as an
 * article by the web collector.
 */
export function captureTarget(reported: string): CaptureTarget {
  const url = new URL(reported);
  const host = url.hostname.toLowerCase();
  const path = url.pathname.split('/').filter(Boolean);
  if ((host === 't.me' || host === 'telegram.me') && path.length >= 2) {
    const [channel, id] = path[0] === 's' ? [path[1], path[2]] : [path[0], path[1]];
    if (channel && id && /^\w{3,64}$/.test(channel) && /^\d{1,12}$/.test(id)) {
      return { parser: 'telegram', fetchUrl: `https://t.me/s/${channel}/${id}`, postKey: `${channel}/${id}`, accept: HTML_ACCEPT, ignoreRobots: false };
    }
  }
  if (/(^|\.)reddit\.com$/.test(host)) {
    const at = path.indexOf('comments');
    const id = at >= 0 ? path[at + 1] : undefined;
    if (id && /^[a-z0-9]{3,12}$/i.test(id)) {
      return { parser: 'reddit', fetchUrl: `https://www.reddit.com/comments/${id}.json?limit=1`, postKey: `t3_${id}`, accept: 'application/json', ignoreRobots: true };
    }
  }
  if (path.length === 2 && /^@[\w.-]{1,64}$/.test(path[0]!) && /^\d{6,20}$/.test(path[1]!)) {
    return { parser: 'mastodon', fetchUrl: `${url.origin}/api/v1/statuses/${path[1]}`, postKey: path[1]!, accept: 'application/json', ignoreRobots: true };
  }
  return { parser: 'web', fetchUrl: url.toString(), postKey: null, accept: HTML_ACCEPT, ignoreRobots: false };
}
