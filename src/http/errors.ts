// The application's error kinds. Every error has an HTTP status, a stable snake_case code,
// a Chinese message, and `expose` (whether the message may be shown to the user).

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly expose = true,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, fields?: FieldErrors, code = 'validation_failed') =>
  new AppError(400, code, message, fields);

export const validationFailed = (fields: FieldErrors) =>
  new AppError(400, 'validation_failed', '提交的内容有误，请检查标出的项目。', fields);

export const unauthorized = (message = '请先登录。') => new AppError(401, 'unauthorized', message);

export const forbidden = (message = '您没有执行此操作的权限。') => new AppError(403, 'forbidden', message);

export const notFound = (message = '您访问的内容不存在。', code = 'not_found') =>
  new AppError(404, code, message);

export const conflict = (message: string, fields?: FieldErrors, code = 'conflict') =>
  new AppError(409, code, message, fields);

export const tooManyRequests = (message = '操作过于频繁，请稍后再试。') =>
  new AppError(429, 'too_many_requests', message);

export const csrfFailed = () =>
  new AppError(403, 'csrf_failed', '页面已过期或来源无法验证，请刷新页面后重新提交。');

/** A typed result for use-cases with expected failures (named outcomes instead of exceptions). */
export type Result<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors; message?: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const invalid = <T = never>(fields: FieldErrors, message?: string): Result<T> =>
  message === undefined ? { ok: false, fields } : { ok: false, fields, message };
