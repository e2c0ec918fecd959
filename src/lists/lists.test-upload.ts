// Test helper: posts a multipart form with one file through a signed-in Browser.
import { Browser, csrfFromHtml } from '../../test/helpers/app.js';

export async function uploadFile(
  b: Browser,
  url: string,
  pageWithForm: string,
  file: { name: string; data: Buffer },
  fields: Record<string, string>,
) {
  const csrf = csrfFromHtml((await b.get(pageWithForm)).body);
  const boundary = '----gongkaitest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: csrf, ...fields }))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      'utf8',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  );
  return b.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}
