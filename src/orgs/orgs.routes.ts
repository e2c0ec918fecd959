import type { App } from '../http/app-types.js';

export async function orgsRoutes(_app: App): Promise<void> {}
