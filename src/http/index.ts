export { buildHttpServer, startHttpServer, type HttpServer } from './server.js';
export { httpConfigSchema, publicOrigin, type HttpSettings, type OidcSettings } from '../config/index.js';
