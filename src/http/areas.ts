import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from './admin/audit-routes.js';
import { registerPrivacyRoutes } from './admin/privacy-routes.js';
import { registerCampaignRoutes } from './campaigns/routes.js';
import { registerQueueRoutes } from './admin/queues-routes.js';
import { registerUserRoutes } from './admin/users-routes.js';
import { registerAlertRoutes } from './alerts/routes.js';
import { registerDigestRoutes } from './digest/routes.js';
import { registerRecipientRoutes } from './alerts/recipients-routes.js';
import { registerOidcRoutes } from './auth/oidc.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerHealthRoutes } from './health/routes.js';
import { registerNarrativeApi } from './narratives/api.js';
import { registerNarrativePages } from './narratives/routes.js';
import { registerOverviewRoutes } from './overview/routes.js';
import { registerPostRoutes } from './posts/routes.js';
import { registerSourceRoutes } from './sources/routes.js';
import { registerThreatRoutes } from './threats/routes.js';
import { registerTiplineRoutes } from './tipline/index.js';
import { registerWatchlistRoutes } from './threats/watchlist.js';
import type { Web } from './web.js';

/** Every area of the UI and API, one route module each. */
export function registerAreas(server: FastifyInstance, web: Web): void {
  registerHealthRoutes(server, web);
  registerAuthRoutes(server, web);
  registerOidcRoutes(server, web);
  registerOverviewRoutes(server, web);
  registerNarrativePages(server, web);
  registerNarrativeApi(server, web);
  registerPostRoutes(server, web);
  registerCampaignRoutes(server, web);
  registerSourceRoutes(server, web);
  registerThreatRoutes(server, web);
  registerWatchlistRoutes(server, web);
  registerTiplineRoutes(server, web);
  registerAlertRoutes(server, web);
  registerDigestRoutes(server, web);
  registerRecipientRoutes(server, web);
  registerQueueRoutes(server, web);
  registerUserRoutes(server, web);
  registerAuditRoutes(server, web);
  registerPrivacyRoutes(server, web);
}
