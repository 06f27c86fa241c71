import type { FastifyInstance } from 'fastify';
import type { Web } from '../web.js';
import { registerLinkAdminRoutes } from './link-admin-routes.js';
import { registerLinkRoutes } from './link-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerReportReviewRoutes } from './review-routes.js';

export { reportBlock } from './report-block.js';

/** The staff tipline (issue 19): the report form, secret links, and the security function's report pages. */
export function registerTiplineRoutes(server: FastifyInstance, web: Web): void {
  registerReportRoutes(server, web);
  registerLinkAdminRoutes(server, web);
  registerReportReviewRoutes(server, web);
  registerLinkRoutes(server, web);
}
