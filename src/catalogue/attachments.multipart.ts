// A small multipart/form-data parser for the upload form (one file plus text fields such as the
// CSRF token). The body arrives as one Buffer, bounded by the route's body limit.

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
