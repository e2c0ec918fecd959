// The console's page of one item: its metadata, body, attachments, links, version history and
// the workflow actions the signed-in user may take in its current state.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, unsafeRaw, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import type { Attachment } from './attachments.types.js';
import { renderBody } from './body.render.js';
import {
  DISCLOSURE_GROUND_LABELS,
  DISCLOSURE_LABELS,
  INTERPRETATION_FORM_LABELS,
  ITEM_CATEGORY_LABELS,
  ITEM_STATUS_LABELS,
  VALIDITY_LABELS,
} from './catalogue.types.js';
import type { DeadlineState } from './items.deadlines.js';
import type { LinkedItem } from './item-links.repository.js';
import type { Item, ItemVersion } from './items.types.js';
import { deadlineTag } from './items.views.js';

export interface ItemPageView {
  item: Item;
  departmentName: string;
  topicName: string;
  deadline: DeadlineState | null;
  versions: ItemVersion[];
  attachments: Attachment[];
  interprets: LinkedItem[];
  interpretations: LinkedItem[];
  policyCandidates: { id: number; title: string }[];
  canDraft: boolean;
  canReview: boolean;
  isAuthor: boolean;
  notice?: string;
  errors?: FieldErrors;
  message?: string;
  /** What the user typed into the action forms, kept on re-render. */
  typed?: Record<string, string>;
  maxUploadMb: number;
}

const ACTION_LABELS: Record<string, string> = {
  piiConfirmReason: '确需公开的理由',
  scheduledAt: '定时发布时间',
  comment: '审核意见',
  reason: '撤销理由',
  policyId: '所解读的政策',
  interpretation: '政策解读',
  signedDate: '成文日期',
  body: '正文',
  changeNote: '修订说明',
  file: '附件',
};

function row(label: string, value: SafeHtml | string | null | undefined): SafeHtml {
  return html`<tr>
    <th scope="row">${label}</th>
    <td>${value ?? ''}</td>
  </tr>`;
}

function linkList(items: LinkedItem[], empty: string): SafeHtml {
  if (items.length === 0) return html`<p>${empty}</p>`;
  return html`<ul>
    ${items.map(
      (l) =>
        html`<li>
          <a href="/console/items/${l.id}">${l.title}</a>
          <span class="tag">${ITEM_STATUS_LABELS[l.status]}</span>
        </li>`,
    )}
  </ul>`;
}

function actions(csrf: string, v: ItemPageView): SafeHtml {
  const { item } = v;
  const e = v.errors ?? {};
  const typed = v.typed ?? {};
  const parts: SafeHtml[] = [];
  const post = (path: string, label: string, extra: SafeHtml | string = '', cls = 'button') =>
    html`<form method="post" action="/console/items/${item.id}/${path}" class="action" novalidate>
      ${csrfField(csrf)} ${extra}
      <button type="submit" class="${cls}">${label}</button>
    </form>`;
  const editable = item.status === 'draft' || item.status === 'returned' || item.status === 'approved';
  if (v.canDraft && editable)
    parts.push(html`<p><a class="button secondary" href="/console/items/${item.id}/edit">编辑</a></p>`);
  if (v.canDraft && (item.status === 'draft' || item.status === 'returned'))
    parts.push(post('submit', '提交审核'));
  if (item.status === 'submitted' && v.canReview) {
    parts.push(
      v.isAuthor
        ? html`<p class="warning">您是本信息的撰稿人，不能审核（四眼原则）。</p>`
        : html`<form
            method="post"
            action="/console/items/${item.id}/review"
            novalidate
            data-testid="review-form"
          >
            ${csrfField(csrf)}
            ${textArea({ name: 'comment', label: '审核意见', value: typed.comment, error: e.comment, rows: 3, hint: '退回时必填' })}
            <button type="submit" name="decision" value="approve" class="button">审核通过</button>
            <button type="submit" name="decision" value="return" class="button secondary">退回修改</button>
          </form>`,
    );
  }
  if (v.canDraft && editable && e.piiConfirmReason)
    parts.push(post('mask-pii', '自动打码正文中的身份证号码和手机号码', '', 'button secondary'));
  if (v.canDraft && item.status === 'approved') {
    parts.push(
      html`<form
        method="post"
        action="/console/items/${item.id}/publish"
        novalidate
        data-testid="publish-form"
      >
        ${csrfField(csrf)}
        ${textArea({ name: 'piiConfirmReason', label: ACTION_LABELS.piiConfirmReason ?? '', value: typed.piiConfirmReason, error: e.piiConfirmReason, rows: 2, hint: '仅当系统发现疑似身份证号、手机号而确需公开时填写，理由将记入审计日志' })}
        ${textField({ name: 'scheduledAt', label: '定时发布（北京时间，可选）', type: 'datetime-local', value: typed.scheduledAt, error: e.scheduledAt })}
        <button type="submit" name="mode" value="now" class="button">立即发布</button>
        <button type="submit" name="mode" value="schedule" class="button secondary">定时发布</button>
      </form>`,
    );
  }
  if (v.canDraft && item.status === 'scheduled')
    parts.push(post('cancel-schedule', '取消定时发布', '', 'button secondary'));
  if (v.canDraft && item.status === 'published')
    parts.push(post('revise', '修订（生成新版本）', '', 'button secondary'));
  if (v.canDraft && item.currentVersion > 0 && item.status !== 'withdrawn') {
    parts.push(
      html`<details ${e.reason ? html`open` : ''}>
        <summary>撤销发布</summary>
        ${post('withdraw', '撤销发布', textArea({ name: 'reason', label: ACTION_LABELS.reason ?? '', value: typed.reason, error: e.reason, rows: 2, required: true, hint: '公众访问原网址时将看到撤销说明' }), 'button warning-button')}
      </details>`,
    );
  }
  return parts.length
    ? html`<section>
        <h2>操作</h2>
        ${parts}
      </section>`
    : html``;
}

function attachmentSection(csrf: string, v: ItemPageView): SafeHtml {
  const { item } = v;
  // Attachments are not versioned: those of an item the public already sees are fixed.
  const editable =
    v.canDraft &&
    item.currentVersion === 0 &&
    (item.status === 'draft' || item.status === 'returned' || item.status === 'approved');
  return html`<section>
    <h2>附件</h2>
    ${
      v.attachments.length
        ? html`<ul data-testid="attachments">
            ${v.attachments.map(
              (a) =>
                html`<li>
                  <a href="/console/items/${item.id}/attachments/${a.id}">${a.fileName}</a>
                  （${a.typeLabel}，${a.sizeLabel}）
                  ${editable ? html`<form method="post" action="/console/items/${item.id}/attachments/${a.id}/delete" class="inline">${csrfField(csrf)}<button type="submit" class="link-button">删除</button></form>` : ''}
                </li>`,
            )}
          </ul>`
        : html`<p>没有附件。</p>`
    }
    ${
      editable
        ? html`<form
            method="post"
            action="/console/items/${item.id}/attachments"
            enctype="multipart/form-data"
            data-testid="upload-form"
          >
            ${csrfField(csrf)}
            <div class="field${e(v).file ? ' has-error' : ''}">
              <label for="f-file">上传附件</label>
              <p class="hint" id="f-file-hint">
                PDF、OFD、DOC/DOCX、XLS/XLSX、WPS、图片或 ZIP，不超过 ${v.maxUploadMb} MB；类型按文件内容识别
              </p>
              ${e(v).file ? html`<p class="field-error" id="f-file-error"><span class="visually-hidden">错误：</span>${e(v).file}</p>` : ''}
              <input id="f-file" name="file" type="file" aria-describedby="f-file-hint" />
            </div>
            <button type="submit" class="button secondary">上传</button>
          </form>`
        : ''
    }
  </section>`;
}

const e = (v: ItemPageView): FieldErrors => v.errors ?? {};

function linkSection(csrf: string, v: ItemPageView): SafeHtml {
  const { item } = v;
  if (item.category === 'interpretation') {
    return html`<section>
      <h2>所解读的政策</h2>
      ${linkList(v.interprets, '尚未关联所解读的政策文件。')}
      ${
        v.canDraft && item.status !== 'withdrawn'
          ? html`<form
                method="post"
                action="/console/items/${item.id}/links"
                novalidate
                data-testid="link-form"
              >
                ${csrfField(csrf)}
                ${selectField({ name: 'policyId', label: '关联政策文件', value: v.typed?.policyId, error: e(v).policyId, placeholder: '请选择', options: v.policyCandidates.map((p) => ({ value: String(p.id), label: p.title })) })}
                <button type="submit" class="button secondary">关联</button>
              </form>
              ${v.interprets.map(
                (l) =>
                  html`<form
                    method="post"
                    action="/console/items/${item.id}/links/${l.id}/delete"
                    class="inline"
                  >
                    ${csrfField(csrf)}<button type="submit" class="link-button">取消关联“${l.title}”</button>
                  </form>`,
              )}`
          : ''
      }
    </section>`;
  }
  if (item.category === 'policy' || item.category === 'normative') {
    return html`<section>
      <h2>政策解读</h2>
      ${item.needsInterpretation ? html`<p class="tag">需解读</p>` : ''}
      ${item.interpretationExemptReason ? html`<p>不解读的理由：${item.interpretationExemptReason}</p>` : ''}
      ${linkList(v.interpretations, '尚无关联的政策解读。新建信息类别为“政策解读”的信息后，在其页面关联本文件。')}
    </section>`;
  }
  return html``;
}

export function itemPage(csrf: string, v: ItemPageView): SafeHtml {
  const { item } = v;
  return html`<h1>${item.title}</h1>
    ${v.notice ? html`<p class="notice" role="status" data-testid="notice">${v.notice}</p>` : ''}
    ${errorSummary(v.errors, ACTION_LABELS, v.message)}
    ${
      item.status === 'returned' && item.reviewComment
        ? html`<div class="warning" role="status" data-testid="return-comment">
            <h2>退回意见</h2>
            <p>${item.reviewComment}</p>
          </div>`
        : ''
    }
    <table class="meta-table" data-testid="item-meta">
      <caption class="visually-hidden">
        信息属性
      </caption>
      ${row('状态', html`<span data-testid="status">${ITEM_STATUS_LABELS[item.status]}</span>${item.scheduledAt ? `（${formatShanghaiDateTime(item.scheduledAt)}）` : ''}`)}
      ${row('索引号', item.indexNumber ?? '首次发布时生成')}
      ${row('信息类别', ITEM_CATEGORY_LABELS[item.category])} ${row('文号', item.docNumber)}
      ${row('发布机构', item.issuer)} ${row('所属机构', v.departmentName)} ${row('成文日期', item.signedDate)}
      ${row('主题分类', v.topicName)}
      ${row('公开属性', DISCLOSURE_LABELS[item.disclosure] + (item.disclosureGround ? `：${DISCLOSURE_GROUND_LABELS[item.disclosureGround]}；${item.disclosureReason}` : ''))}
      ${row('公开范围', item.scope)} ${row('有效性', item.validity ? VALIDITY_LABELS[item.validity] : '')}
      ${item.interpretationForm ? row('解读形式', INTERPRETATION_FORM_LABELS[item.interpretationForm]) : ''}
      ${row('公开时限', html`${deadlineTag(v.deadline, null)}${item.dueDate ? html` <small>（${item.signedDate ? '成文日期' : '起草日期'}后 20 个工作日：${item.dueDate}）</small>` : ''}`)}
      ${row('当前公开版本', item.currentVersion > 0 ? `第 ${item.currentVersion} 版` : '尚未发布')}
      ${item.reviewComment && item.status !== 'returned' ? row('审核意见', item.reviewComment) : ''}
      ${item.withdrawnAt ? row('撤销', `${formatShanghaiDateTime(item.withdrawnAt)}：${item.withdrawReason}`) : ''}
      ${item.piiConfirmReason ? row('个人信息确认', item.piiConfirmReason) : ''}
    </table>
    ${actions(csrf, v)}
    ${
      item.summary
        ? html`<section>
            <h2>内容概述</h2>
            <p>${item.summary}</p>
          </section>`
        : ''
    }
    <section>
      <h2>正文（工作稿）</h2>
      <div class="item-body" data-testid="body">${unsafeRaw(renderBody(item.body))}</div>
    </section>
    ${attachmentSection(csrf, v)} ${linkSection(csrf, v)}
    <section>
      <h2>版本记录</h2>
      ${
        v.versions.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">版本</th>
                  <th scope="col">发布时间</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                ${v.versions.map(
                  (ver) =>
                    html`<tr>
                      <td>第 ${ver.version} 版</td>
                      <td>${formatShanghaiDateTime(ver.publishedAt)}</td>
                      <td>${ver.changeNote}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>尚未发布。</p>`
      }
    </section>
    <p><a href="/console/items">返回列表</a></p>`;
}
