import type { App } from '../http/app-types.js';

export async function usersRoutes(_app: App): Promise<void> {}
