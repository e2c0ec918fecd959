// The catalogue's write side over HTTP: console pages for items, review, attachments and topics,
// and the public attachment download.
import type { App } from '../http/app-types.js';
import { attachmentRoutes } from './attachments.routes.js';
import { itemActionRoutes } from './items.actions.js';
import { itemConsoleRoutes } from './items.console.js';
import { itemReviewRoutes } from './items.review.js';
import { topicRoutes } from './topics.routes.js';

export async function catalogueRoutes(app: App): Promise<void> {
  await app.register(itemConsoleRoutes);
  await app.register(itemActionRoutes);
  await app.register(itemReviewRoutes);
  await app.register(attachmentRoutes);
  await app.register(topicRoutes);
}
