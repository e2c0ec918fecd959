// Starts the real server in-process on a fresh SQLite database in a temp directory, with the
// demo data set, on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';

export interface E2eServer {
  url: string;
  server: RunningServer;
  stop(): Promise<void>;
}

export async function startE2eServer(): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_DATA: 'on',
    LOG_LEVEL: 'warn',
  });
  const server = await startServer(config, { logger: false });
  return {
    url: server.address.replace('[::1]', '127.0.0.1'),
    server,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
