// The config is a leaf: nothing here imports a feature. Features import their settings types from here.
export { configSchema, SECRET_KEYS, SECRET_PATHS, type Config } from './schema.js';
export { loadConfig, packageRoot, redactConfig, type LoadConfigOptions } from './load.js';
export { secret, secretPaths, type SecretPath, type SecretRedaction } from './secret.js';
export { secretLogPaths, withoutPassword } from './redact.js';
export { alertsConfigSchema, NEWS_DEFAULTS, SOCIAL_DEFAULTS, type AlertSettings, type SurgeSettings, type SurgeThresholds } from './sections/alerts.js';
export { channelSchema, channelsConfigSchema, type ChannelSettings, type ChannelsSettings } from './sections/channels.js';
export { digestConfigSchema, type DigestSettings } from './sections/digest.js';
export { fetchOptionsSchema, type FetchOptions } from './sections/fetch.js';
export { httpConfigSchema, publicOrigin, type HttpSettings, type OidcSettings } from './sections/http.js';
export { threatsConfigSchema, type ThreatSettings } from './sections/threats.js';
export { tiplineConfigSchema, type TiplineSettings } from './sections/tipline.js';
export { clusterSettings, clustersConfigSchema, type ClusterSettings, type CoordinationSettings } from './sections/clusters.js';
export { privacyConfigSchema, type PrivacySettings } from './sections/privacy.js';
