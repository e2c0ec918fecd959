// A small multipart/form-data parser for the upload form (one file plus text fields such as the
// CSRF token). The body arrives as one Buffer, bounded by the route's body limit.
import type { App } from '../http/app-types.js';
import { badRequest } from '../http/errors.js';

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function headerParam(header: string, name: string): string | undefined {
  const star = new RegExp(`${name}\\*=UTF-8''([^;]+)`, 'i').exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return undefined;
    }
  }
  const m = new RegExp(
    `(?:^|[;\\s])${name}="((?:\\\\.|[^"\\\\])*)"|(?:^|[;\\s])${name}=([^;\\s]+)`,
    'i',
  ).exec(header);
  const raw = m?.[1] ?? m?.[2];
  return raw === undefined ? undefined : raw.replace(/\\(.)/g, '$1');
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: MultipartBody = { fields: {}, files: {} };
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return out;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return undefined;
    // Header values may carry UTF-8 file names (browsers send them raw).
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return undefined;
    const data = body.subarray(headerEnd + 4, next);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = headerParam(disposition, 'name');
    const fileName = headerParam(disposition, 'filename');
    if (name) {
      if (fileName !== undefined) {
        const contentType =
          /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
        out.files[name] = { fileName, contentType, data: Buffer.from(data) };
      } else {
        out.fields[name] = data.toString('utf8');
      }
    }
    pos = next + 2;
  }
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    Buffer.isBuffer(value.data) &&
    'fileName' in value &&
    typeof value.fileName === 'string'
  );
}

/**
 * Registers, on the calling plugin only, a parser for one-file upload forms: the body becomes
 * `{ _csrf, file }` for the CSRF hook and the route schema. Limit: maxBytes plus room for the form.
 */
export function registerFileUploadParser(app: App, maxBytes: number): void {
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: maxBytes + 1024 * 1024 },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      const parsed = boundary && Buffer.isBuffer(body) ? parseMultipart(body, boundary) : undefined;
      if (!parsed) return done(badRequest('上传的表单格式有误。'), undefined);
      const file = parsed.files.file;
      done(null, {
        ...(parsed.fields._csrf ? { _csrf: parsed.fields._csrf } : {}),
        ...(file ? { file } : {}),
      });
    },
  );
}
