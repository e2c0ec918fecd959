import type { App } from '../http/app-types.js';

export async function auditRoutes(_app: App): Promise<void> {}
