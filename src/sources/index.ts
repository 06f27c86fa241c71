import { blueskyAdapter } from './bluesky/index.js';
import { feedAdapter } from './feed/index.js';
import { importAdapter } from './import-adapter.js';
import { mastodonAdapter } from './mastodon/index.js';
import { redditAdapter } from './reddit/index.js';
import { SourceRegistry } from './registry.js';
import { telegramAdapter } from './telegram/index.js';
import { tiplineAdapter } from './tipline-adapter.js';
import { webAdapter } from './web/index.js';
import { youtubeAdapter } from './youtube/index.js';

export { SourceRegistry, SourceConfigError } from './registry.js';
export { IMPORT_SOURCE_KIND } from './import-adapter.js';
export { DEFAULT_SOURCE_TIME_ZONE } from './time-zone-field.js';
export { shareMetadata, type Share } from './shares.js';
export { TIPLINE_SOURCE_KIND } from './tipline-adapter.js';
export type * from './types.js';

/** Every source kind Vaksam ships. A new kind is one adapter file plus one entry here. */
export function defaultRegistry(): SourceRegistry {
  return new SourceRegistry([feedAdapter, webAdapter, mastodonAdapter, blueskyAdapter, telegramAdapter, redditAdapter, youtubeAdapter, importAdapter, tiplineAdapter]);
}
