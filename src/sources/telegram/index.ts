export { telegramAdapter } from './adapter.js';
export { telegramConfigSchema, type TelegramConfig } from './schema.js';
export { parseChannelPage, parseCount, type ChannelPage } from './parse.js';
