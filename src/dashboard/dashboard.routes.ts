// The console's landing page (工作台).
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { getDepartment } from '../orgs/orgs.service.js';
import { dashboardPage } from './dashboard.views.js';

export async function dashboardRoutes(app: App): Promise<void> {
  app.get('/console', { config: { permission: 'staff' } }, async (request, reply) => {
    const user = currentUser(request);
    const department = await getDepartment(app.ctx.db.kysely, user.departmentId);
    return sendConsolePage(app, request, reply, {
      title: '工作台',
      body: () => dashboardPage(user, department),
    });
  });
}
