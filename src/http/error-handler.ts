// The single error handler: JSON `{error:{code,message,fields?}}` under /api, an error page
// elsewhere. 5xx messages are never shown; they are logged with the request's context.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../db/dialect.js';
import type { App } from './app-types.js';
import { AppError, type FieldErrors } from './errors.js';
import { html } from './html.js';
import { sendPublicPage } from './page.js';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function ajvMessage(e: AjvError): string {
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'required':
      return '必须填写';
    case 'additionalProperties':
      return '不允许的字段';
    case 'type':
      return p.type === 'integer' || p.type === 'number' ? '必须是数字' : '格式不正确';
    case 'minLength':
      return Number(p.limit) <= 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `不能超过 ${String(p.limit)} 个字符`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'pattern':
    case 'format':
      return '格式不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
      return '取值不在允许范围内';
    default:
      return '取值无效';
  }
}

export function validationFields(errors: readonly AjvError[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const e of errors) {
    let name = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const p = e.params ?? {};
    if (e.keyword === 'required' && typeof p.missingProperty === 'string')
      name = name ? `${name}.${p.missingProperty}` : p.missingProperty;
    if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string')
      name = p.additionalProperty;
    name ||= '_';
    fields[name] ??= ajvMessage(e);
  }
  return fields;
}

const STATUS_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限',
  404: '页面不存在',
  405: '请求方式不被允许',
  410: '内容已撤销',
  413: '提交的内容过大',
  415: '不支持的内容类型',
  429: '操作过于频繁',
  500: '系统暂时出现问题',
};

function normalise(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    return new AppError(
      400,
      'validation_failed',
      '请求参数有误，请检查标出的项目。',
      validationFields(error.validation),
    );
  }
  if (isUniqueViolation(error)) {
    return new AppError(
      409,
      'conflict',
      '相同的内容已经存在（可能有人刚刚提交了相同的内容），请刷新页面核对后再试。',
    );
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError(413, 'payload_too_large', '提交的内容超过了大小限制。');
  if (status === 415) return new AppError(415, 'unsupported_media_type', '不支持的内容类型。');
  if (status === 404) return new AppError(404, 'not_found', '您访问的内容不存在。');
  if (status >= 400 && status < 500)
    return new AppError(status, 'bad_request', '请求无法处理，请检查后重试。');
  return new AppError(
    500,
    'internal_error',
    '系统暂时出现问题，请稍后再试。我们已记录此错误。',
    undefined,
    false,
  );
}

export function sendError(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
): FastifyReply {
  reply.header('Cache-Control', 'no-store');
  if (request.url.startsWith('/api/')) {
    return reply.code(err.status).send({
      error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
    });
  }
  const title = STATUS_TITLES[err.status] ?? '出错了';
  return sendPublicPage(
    app,
    request,
    reply,
    {
      title,
      body: html`<div class="error-page" data-testid="error-page">
        <h1>${title}</h1>
        <p>${err.message}</p>
        ${
          err.fields
            ? html`<ul class="error-list">
                ${Object.entries(err.fields).map(([k, v]) => html`<li>${k}：${v}</li>`)}
              </ul>`
            : ''
        }
        <p><a href="/">返回首页</a></p>
      </div>`,
    },
    err.status,
  );
}

export function registerErrorHandling(app: App): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const err = normalise(error);
    if (err.status >= 500) {
      request.log.error(
        { err: error, url: request.url, method: request.method, userId: request.user?.id },
        'request failed',
      );
    }
    return sendError(app, request, reply, err);
  });
  app.setNotFoundHandler({}, (request, reply) =>
    sendError(app, request, reply, new AppError(404, 'not_found', '您访问的内容不存在或已被移除。')),
  );
}
