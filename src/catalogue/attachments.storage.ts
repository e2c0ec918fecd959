// Content-addressed storage of attachment files: DATA_DIR/attachments/<first 2 hex>/<sha256>.
// The same content is stored once, whichever items it belongs to.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AttachmentStorage {
  /** Stores the content (if not stored yet) and returns its SHA-256. */
  put(data: Buffer): Promise<string>;
  exists(sha256: string): boolean;
  open(sha256: string): ReadStream;
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function diskAttachmentStorage(dataDir: string): AttachmentStorage {
  const root = join(dataDir, 'attachments');
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return join(root, sha.slice(0, 2), sha);
  };
  return {
    async put(data) {
      const sha = sha256Of(data);
      const target = pathOf(sha);
      if (existsSync(target)) return sha;
      await mkdir(join(root, sha.slice(0, 2)), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, data, { mode: 0o640 });
      await rename(tmp, target);
      return sha;
    },
    exists: (sha) => existsSync(pathOf(sha)),
    open: (sha) => createReadStream(pathOf(sha)),
  };
}
