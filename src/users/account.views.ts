import { csrfField, errorSummary, textField } from '../http/forms.js';
import type { FieldErrors } from '../http/errors.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import type { ApiToken } from './users.types.js';

export function loginPage(
  csrf: string,
  opts: { username?: string; message?: string; next?: string },
): SafeHtml {
  return html`<div class="narrow">
    <h1>工作人员登录</h1>
    ${opts.message ? html`<div class="error-summary" role="alert" data-testid="login-error"><h2>${opts.message}</h2></div>` : ''}
    <form method="post" action="/console/login" novalidate>
      ${csrfField(csrf)}
      <input type="hidden" name="next" value="${opts.next ?? ''}" />
      ${textField({ name: 'username', label: '用户名', value: opts.username, autocomplete: 'username', required: true })}
      ${textField({ name: 'password', label: '密码', type: 'password', autocomplete: 'current-password', required: true })}
      <button type="submit" class="button">登录</button>
    </form>
  </div>`;
}

const PASSWORD_LABELS = { current: '当前密码', next: '新密码', confirm: '确认新密码' };

export function accountPage(
  csrf: string,
  opts: {
    passwordErrors?: FieldErrors;
    passwordChanged?: boolean;
    tokens: ApiToken[];
    tokenErrors?: FieldErrors;
    newToken?: string;
    tokenName?: string;
  },
): SafeHtml {
  return html`<h1>我的账号</h1>
    <section>
      <h2>修改密码</h2>
      ${opts.passwordChanged ? html`<p class="notice" role="status" data-testid="notice">密码已修改，其他设备上的登录已失效。</p>` : ''}
      ${errorSummary(opts.passwordErrors, PASSWORD_LABELS)}
      <form method="post" action="/console/account/password" novalidate>
        ${csrfField(csrf)}
        ${textField({ name: 'current', label: PASSWORD_LABELS.current, type: 'password', autocomplete: 'current-password', error: opts.passwordErrors?.current })}
        ${textField({ name: 'next', label: PASSWORD_LABELS.next, type: 'password', autocomplete: 'new-password', hint: '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类', error: opts.passwordErrors?.next })}
        ${textField({ name: 'confirm', label: PASSWORD_LABELS.confirm, type: 'password', autocomplete: 'new-password', error: opts.passwordErrors?.confirm })}
        <button type="submit" class="button">修改密码</button>
      </form>
    </section>
    <section>
      <h2>API 令牌</h2>
      <p>用于其他系统通过 JSON API（<code>Authorization: Bearer …</code>）以您的身份和权限调用本平台。</p>
      ${
        opts.newToken
          ? html`<div class="notice" role="status">
              <p>新令牌如下，仅显示这一次，请立即妥善保存：</p>
              <p><code data-testid="new-token">${opts.newToken}</code></p>
            </div>`
          : ''
      }
      ${errorSummary(opts.tokenErrors, { name: '用途' })}
      <form method="post" action="/console/account/tokens" novalidate>
        ${csrfField(csrf)}
        ${textField({ name: 'name', label: '用途', value: opts.tokenName, error: opts.tokenErrors?.name, maxlength: 60 })}
        <button type="submit" class="button">生成令牌</button>
      </form>
      ${
        opts.tokens.length
          ? html`<table>
              <caption>
                已有令牌
              </caption>
              <thead>
                <tr>
                  <th scope="col">用途</th>
                  <th scope="col">前缀</th>
                  <th scope="col">创建时间</th>
                  <th scope="col">最近使用</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                ${opts.tokens.map(
                  (t) =>
                    html`<tr>
                      <td>${t.name}</td>
                      <td><code>${t.prefix}…</code></td>
                      <td>${formatShanghaiDateTime(t.createdAt)}</td>
                      <td>${formatShanghaiDateTime(t.lastUsedAt) || '从未'}</td>
                      <td>
                        ${
                          t.revokedAt
                            ? `已于 ${formatShanghaiDateTime(t.revokedAt)} 撤销`
                            : html`<form
                                method="post"
                                action="/console/account/tokens/${t.id}/revoke"
                                class="inline"
                              >
                                ${csrfField(csrf)}<button type="submit" class="link-button">撤销</button>
                              </form>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>尚未生成令牌。</p>`
      }
    </section>`;
}
