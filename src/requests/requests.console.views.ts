// Console pages of 依申请公开: the open requests with their live deadlines, registering an
// application received offline, one request with its clock and the actions its status allows.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, paragraphs, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { ACTION_FIELD_LABELS, ACTION_LABELS, type Action, type ActionInput } from './requests.actions.js';
import { PAUSE_LABELS, type ClockState } from './requests.clock.js';
import {
  DISCLOSURE_GROUND_LABELS,
  DISCLOSURE_GROUNDS,
  OUTCOME_INFO,
  OUTCOMES,
  RESULT_GROUP_LABELS,
  RESULT_ROW_GROUP,
  RESULT_ROW_LABELS,
} from './requests.outcomes.js';
import { applicationFields } from './requests.public.views.js';
import type { OpenRequest, RequestDetail } from './requests.service.js';
import {
  APPLICANT_CATEGORY_LABELS,
  CHANNEL_LABELS,
  DELIVERY_LABELS,
  DELIVERY_METHODS,
  EVENT_LABELS,
  FORM_WANTED_LABELS,
  ID_TYPE_LABELS,
  isOneOf,
  REQUEST_STATUS_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_KINDS,
  REVIEW_RESULT_LABELS,
  REVIEW_RESULTS,
  type RequestSummary,
} from './requests.types.js';
import type { ApplicationInput } from './requests.validation.js';

/** A form that came back with errors: which one, the messages and what was typed. */
export interface FailedAction {
  action: Action | 'attach_file';
  errors: FieldErrors;
  input: ActionInput;
}

function filesSection(csrf: string, d: RequestDetail, canEdit: boolean, error: string | undefined): SafeHtml {
  const r = d.request;
  return html`<h2>随答复公开的文件</h2>
    ${
      d.files.length === 0
        ? html`<p>暂无。</p>`
        : html`<ul data-testid="files">
            ${d.files.map(
              (f) =>
                html`<li>
                  <a href="/console/requests/${r.id}/files/${f.id}">${f.fileName}</a
                  >（${Math.max(1, Math.round(f.size / 1024))} KB）
                  ${
                    canEdit
                      ? html`<form
                          method="post"
                          action="/console/requests/${r.id}/files/${f.id}/delete"
                          class="inline"
                        >
                          ${csrfField(csrf)}<button type="submit" class="button secondary">删除</button>
                        </form>`
                      : ''
                  }
                </li>`,
            )}
          </ul>`
    }
    ${
      canEdit
        ? html`<form
            method="post"
            action="/console/requests/${r.id}/files"
            enctype="multipart/form-data"
            data-testid="upload-file"
          >
            ${error ? errorSummary({ file: error }, { file: '文件' }) : ''} ${csrfField(csrf)}
            <div class="field${error ? ' has-error' : ''}">
              <label for="f-file">添加文件（答复送达后申请人可在查询页下载）</label>
              <input id="f-file" name="file" type="file" />
            </div>
            <button type="submit" class="button secondary">上传</button>
          </form>`
        : ''
    }`;
}

export function clockCell(c: ClockState): SafeHtml {
  if (!c.received) return html`<span class="tag">待确认收到</span>`;
  if (c.paused === 'correction') return html`<span class="tag">补正中，期限暂停</span>`;
  const flag = c.overdue
    ? html` <span class="tag tag-alert" data-testid="overdue">已超期</span>`
    : c.dueSoon
      ? html` <span class="tag tag-alert" data-testid="due-soon">即将到期</span>`
      : '';
  return html`${c.deadline ?? ''}（${c.workdaysLeft !== null && c.workdaysLeft < 0 ? `超期 ${-c.workdaysLeft}` : `剩 ${c.workdaysLeft ?? ''}`}
  个工作日）${c.paused ? html` <span class="tag">${c.paused === 'fee' ? '待缴费' : '征求意见中'}</span>` : ''}${flag}`;
}

export function requestListPage(opts: {
  open: OpenRequest[];
  closed: RequestSummary[];
  canHandle: boolean;
  readAll: boolean;
  departments: readonly { id: number; fullName: string }[];
  departmentId: number | undefined;
}): SafeHtml {
  const overdue = opts.open.filter((o) => o.clock.overdue).length;
  const soon = opts.open.filter((o) => o.clock.dueSoon).length;
  return html`<h1>依申请公开</h1>
    <p>
      ${opts.canHandle ? html`<a class="button" href="/console/requests/new">登记当面、邮寄或传真申请</a>` : ''}
      <a href="/console/requests/statistics">年度报告统计（表三、表四）</a>
      ${opts.canHandle ? html` · <a href="/console/requests/settings">答复告知书设置</a>` : ''}
    </p>
    ${
      opts.readAll
        ? html`<form method="get" action="/console/requests">
            ${selectField({ name: 'department', label: '机构', value: opts.departmentId === undefined ? '' : String(opts.departmentId), placeholder: '全市', options: opts.departments.map((d) => ({ value: String(d.id), label: d.fullName })) })}
            <button type="submit" class="button secondary">筛选</button>
          </form>`
        : ''
    }
    <h2>
      办理中的申请（${opts.open.length} 件；超期 <span data-testid="overdue-count">${overdue}</span> 件，3
      个工作日内到期 <span data-testid="due-soon-count">${soon}</span> 件）
    </h2>
    ${
      opts.open.length === 0
        ? html`<p>没有办理中的申请。</p>`
        : html`<table data-testid="open-requests">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                ${opts.readAll ? html`<th scope="col">机构</th>` : ''}
                <th scope="col">所需信息</th>
                <th scope="col">状态</th>
                <th scope="col">收到日期</th>
                <th scope="col">答复期限</th>
              </tr>
            </thead>
            <tbody>
              ${opts.open.map(
                (o) =>
                  html`<tr>
                    <td><a href="/console/requests/${o.id}">${o.number}</a></td>
                    ${opts.readAll ? html`<td>${o.departmentName}</td>` : ''}
                    <td>${o.infoTitle}</td>
                    <td>${REQUEST_STATUS_LABELS[o.status]}</td>
                    <td>${o.receivedDate ?? ''}</td>
                    <td>${clockCell(o.clock)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <h2>最近办结的申请</h2>
    ${
      opts.closed.length === 0
        ? html`<p>暂无。</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">所需信息</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              ${opts.closed.map(
                (o) =>
                  html`<tr>
                    <td><a href="/console/requests/${o.id}">${o.number}</a></td>
                    <td>${o.infoTitle}</td>
                    <td>${REQUEST_STATUS_LABELS[o.status]}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}

export function registerPage(
  csrf: string,
  v: ApplicationInput & { channel: string; receivedDate: string },
  errors?: FieldErrors,
): SafeHtml {
  const e = errors ?? {};
  return html`<h1>登记申请</h1>
    <p>
      登记以当面、邮寄或传真方式收到的申请。收到日期：当面提交为提交当日；邮寄为签收之日；传真为双方确认之日（条例第三十一条）。
    </p>
    ${errorSummary(errors, { channel: '渠道', receivedDate: '收到日期', ...ACTION_FIELD_LABELS })}
    <form method="post" action="/console/requests" novalidate>
      ${csrfField(csrf)}
      ${selectField({ name: 'channel', label: '收到渠道', value: v.channel, error: e.channel, required: true, placeholder: '请选择', options: (['in_person', 'post', 'fax'] as const).map((c) => ({ value: c, label: CHANNEL_LABELS[c] })) })}
      ${textField({ name: 'receivedDate', label: '收到日期', value: v.receivedDate, error: e.receivedDate, hint: '格式如 2026-03-15；不填为今天' })}
      ${applicationFields(v, errors, null)}
      <button type="submit" class="button">登记</button>
    </form>`;
}

function field(
  name: keyof ActionInput,
  label: string,
  input: ActionInput,
  errors: FieldErrors,
  extra: { hint?: string; area?: boolean } = {},
): SafeHtml {
  const o = {
    name,
    label,
    value: input[name] ?? '',
    error: errors[name],
    ...(extra.hint ? { hint: extra.hint } : {}),
  };
  return extra.area ? textArea(o) : textField(o);
}

function actionForm(
  id: number,
  action: Action,
  csrf: string,
  body: SafeHtml,
  failed: { action: FailedAction['action'] | undefined; errors: FieldErrors },
): SafeHtml {
  return html`<form
    method="post"
    action="/console/requests/${id}/actions/${action}"
    class="action"
    data-testid="action-${action}"
    novalidate
  >
    <h3>${ACTION_LABELS[action]}</h3>
    ${failed.action === action ? errorSummary(failed.errors, ACTION_FIELD_LABELS) : ''} ${csrfField(csrf)}
    ${body}
    <button type="submit" class="button">${ACTION_LABELS[action]}</button>
  </form>`;
}

const outcomeOptions = OUTCOMES.map((o) => {
  const row = OUTCOME_INFO[o].row;
  return {
    value: o,
    label: `${RESULT_GROUP_LABELS[RESULT_ROW_GROUP[row]].slice(0, 7)} ${RESULT_ROW_LABELS[row]} — ${OUTCOME_INFO[o].label}（${OUTCOME_INFO[o].basis}）`,
  };
});

export function requestDetailPage(
  csrf: string,
  d: RequestDetail,
  opts: {
    canHandle: boolean;
    failed?: FailedAction | undefined;
  },
): SafeHtml {
  const r = d.request;
  const c = d.clock;
  const failed = { action: opts.failed?.action, errors: opts.failed?.errors ?? {} };
  const inputFor = (a: Action): ActionInput => (opts.failed?.action === a ? opts.failed.input : {});
  const errs = (a: Action): FieldErrors => (opts.failed?.action === a ? opts.failed.errors : {});
  const form = (a: Action, body: SafeHtml) => actionForm(r.id, a, csrf, body, failed);
  const date = (a: Action, label = '日期') =>
    field('date', label, inputFor(a), errs(a), { hint: '格式如 2026-03-15；不填为今天' });
  const s = r.status;
  const open = ['received', 'correction', 'consultation', 'fee'].includes(s);
  const actions: SafeHtml[] = [];
  if (opts.canHandle) {
    if (s === 'submitted') actions.push(form('confirm_receipt', date('confirm_receipt', '双方确认收到之日')));
    if (s === 'received' && c.correctionLatest)
      actions.push(
        form(
          'ask_correction',
          html`<p class="hint">最迟于 ${c.correctionLatest} 前一次性告知（收到申请后第 7 个工作日）。</p>
            ${date('ask_correction', '告知日期')}${field('dueDate', '补正期限', inputFor('ask_correction'), errs('ask_correction'))}${field('body', '需要补正的事项', inputFor('ask_correction'), errs('ask_correction'), { area: true })}`,
        ),
      );
    if (s === 'correction')
      actions.push(
        form(
          'record_correction',
          html`${date('record_correction', '收到补正之日')}${field('body', '补正内容摘要', inputFor('record_correction'), errs('record_correction'), { area: true })}`,
        ),
      );
    if (s === 'received')
      actions.push(
        form(
          'start_consultation',
          html`${date('start_consultation', '发出征求意见书之日')}${field('party', '征求意见的第三方或其他机关', inputFor('start_consultation'), errs('start_consultation'))}${field('body', '说明', inputFor('start_consultation'), errs('start_consultation'), { area: true })}`,
        ),
      );
    if (s === 'consultation')
      actions.push(
        form(
          'end_consultation',
          html`${date('end_consultation', '收到答复之日（或期满之日）')}${field('body', '征求意见结果', inputFor('end_consultation'), errs('end_consultation'), { area: true, hint: '第三方逾期未提出意见的，请注明' })}`,
        ),
      );
    if (open && s !== 'correction' && !c.extended)
      actions.push(
        form(
          'extend',
          html`${date('extend', '决定延期之日')}${field('days', '延长的工作日数', inputFor('extend'), errs('extend'), { hint: `最长 ${c.regime === '2008' ? 15 : 20} 个工作日，只能延长一次` })}${field('approver', '批准人（政府信息公开工作机构负责人）', inputFor('extend'), errs('extend'))}${field('body', '告知申请人的延期通知', inputFor('extend'), errs('extend'), { area: true })}`,
        ),
      );
    if (s === 'received')
      actions.push(
        form(
          'issue_fee_notice',
          html`${date('issue_fee_notice', '发出收费通知之日')}${field('body', '收费通知（计费方式、金额）', inputFor('issue_fee_notice'), errs('issue_fee_notice'), { area: true })}`,
        ),
      );
    if (s === 'fee') actions.push(form('record_fee_paid', date('record_fee_paid', '缴费之日')));
    if (open) {
      const di = inputFor('decide');
      const de = errs('decide');
      actions.push(
        form(
          'decide',
          html`${date('decide', '答复决定日期')}
          ${selectField({ name: 'outcome', label: '办理结果（对应年度报告表三的一行）', value: di.outcome, error: de.outcome, placeholder: '请选择', options: outcomeOptions })}
          ${selectField({ name: 'ground', label: '部分公开时不予公开部分的依据', value: di.ground, error: de.ground, placeholder: '（不适用）', options: DISCLOSURE_GROUNDS.map((g) => ({ value: g, label: DISCLOSURE_GROUND_LABELS[g] })) })}
          ${field('reason', '理由、获取方式或说明', di, de, { area: true, hint: '不予公开、部分公开必须说明理由' })}
          ${field('relatedNumber', '重复申请：此前已答复的申请编号', di, de, { hint: d.earlierSameApplicant[0] ? `该申请人此前申请过相同信息：${d.earlierSameApplicant[0].number}` : '' })}`,
        ),
      );
    }
    if (s === 'decided') {
      actions.push(
        form(
          'edit_letter',
          textArea({
            name: 'letter',
            label: '答复告知书（发出前可修改）',
            value: inputFor('edit_letter').letter ?? r.replyLetter,
            error: errs('edit_letter').letter,
            rows: 18,
          }),
        ),
      );
      actions.push(
        form(
          'send_reply',
          html`${date('send_reply', '送达日期')}${selectField({ name: 'method', label: '送达方式', value: inputFor('send_reply').method ?? r.deliveryWanted, error: errs('send_reply').method, placeholder: '请选择', options: DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_LABELS[m] })) })}`,
        ),
      );
    }
    if (s === 'decided' || s === 'closed') {
      const ri = inputFor('record_review');
      const re = errs('record_review');
      actions.push(
        form(
          'record_review',
          html`${selectField({ name: 'kind', label: '类型', value: ri.kind, error: re.kind, placeholder: '请选择', options: REVIEW_KINDS.map((k) => ({ value: k, label: REVIEW_KIND_LABELS[k] })) })}
          ${date('record_review', '申请复议或起诉之日')}
          ${selectField({ name: 'result', label: '结果', value: ri.result ?? 'pending', error: re.result, options: REVIEW_RESULTS.map((k) => ({ value: k, label: REVIEW_RESULT_LABELS[k] })) })}
          ${selectField({
            name: 'afterReconsideration',
            label: '行政诉讼：是否经过行政复议',
            value: ri.afterReconsideration ?? '0',
            options: [
              { value: '0', label: '未经复议直接起诉' },
              { value: '1', label: '复议后起诉' },
            ],
          })}
          ${field('body', '备注', ri, re)}`,
        ),
      );
    }
    actions.push(
      form(
        'message',
        html`${selectField({
          name: 'direction',
          label: '方向',
          value: inputFor('message').direction ?? 'to',
          error: errs('message').direction,
          options: [
            { value: 'to', label: '致申请人（申请人可在查询页看到）' },
            { value: 'from', label: '申请人来信' },
          ],
        })}${date('message')}${field('body', '内容', inputFor('message'), errs('message'), { area: true })}`,
      ),
    );
  }
  return html`<h1>申请 ${r.number}</h1>
    <p><a href="/console/requests">← 返回申请列表</a></p>
    <dl class="summary">
      <dt>机构</dt>
      <dd>${r.departmentName}</dd>
      <dt>状态</dt>
      <dd data-testid="status">${REQUEST_STATUS_LABELS[r.status]}</dd>
      <dt>渠道</dt>
      <dd>${CHANNEL_LABELS[r.channel]}</dd>
      <dt>提交时间</dt>
      <dd>${formatShanghaiDateTime(r.submittedAt)}</dd>
      <dt>收到申请之日</dt>
      <dd>${r.receivedDate ?? '待确认'}</dd>
      <dt>答复期限</dt>
      <dd data-testid="clock">
        ${clockCell(c)}${c.paused ? html`<br />${PAUSE_LABELS[c.paused]}` : ''}${c.closable ? html`<br /><strong>${c.closable === 'no_correction' ? '补正期限已过，可按“逾期不补正”办结' : '缴费期限已过，可按“逾期未缴费”办结'}</strong>` : ''}
      </dd>
      ${
        r.outcome && isOneOf(OUTCOMES, r.outcome)
          ? html`<dt>办理结果</dt>
              <dd data-testid="outcome">
                ${OUTCOME_INFO[r.outcome].label}（表三
                ${RESULT_ROW_LABELS[OUTCOME_INFO[r.outcome].row]}）${r.ground && isOneOf(DISCLOSURE_GROUNDS, r.ground) ? `；依据：${DISCLOSURE_GROUND_LABELS[r.ground]}` : ''}
              </dd>`
          : ''
      }
    </dl>
    ${d.earlierSameApplicant.length ? html`<div class="notice" data-testid="repeat-hint">该申请人此前向本机构申请过相同信息：${d.earlierSameApplicant.map((e) => html`<a href="/console/requests/${e.id}">${e.number}</a>（${REQUEST_STATUS_LABELS[e.status]}） `)}。如已答复，可按“重复申请”处理。</div>` : ''}
    ${
      d.otherApplicantsSameInfo > 0
        ? html`<div class="notice" data-testid="proactive-hint">
            另有 ${d.otherApplicantsSameInfo} 位申请人申请过相同信息。根据条例第四十四条，可以纳入主动公开。
            ${r.catalogueItemId ? html`已创建主动公开草稿：<a href="/console/items/${r.catalogueItemId}">查看</a>` : opts.canHandle ? html`<form method="post" action="/console/requests/${r.id}/convert">${csrfField(csrf)}<button type="submit" class="button secondary">创建主动公开草稿</button></form>` : ''}
          </div>`
        : ''
    }
    <h2>申请人（个人信息，仅限办理使用）</h2>
    <dl class="summary">
      <dt>类型</dt>
      <dd>${APPLICANT_CATEGORY_LABELS[r.applicant.category]}</dd>
      <dt>姓名或名称</dt>
      <dd>${r.applicant.name}</dd>
      <dt>证件</dt>
      <dd>${ID_TYPE_LABELS[r.applicant.idType]} ${r.applicant.idNumber}</dd>
      <dt>联系电话</dt>
      <dd>${r.applicant.phone}</dd>
      <dt>电子邮箱</dt>
      <dd>${r.applicant.email}</dd>
      <dt>通信地址</dt>
      <dd>${r.applicant.address}</dd>
    </dl>
    <h2>所需信息</h2>
    <dl class="summary">
      <dt>名称</dt>
      <dd>${r.info.title}</dd>
      <dt>文号</dt>
      <dd>${r.info.docNumber}</dd>
      <dt>索引号</dt>
      <dd>${r.info.indexNumber}</dd>
      <dt>描述</dt>
      <dd>${paragraphs(r.info.description)}</dd>
      <dt>载体形式 / 获取方式</dt>
      <dd>${FORM_WANTED_LABELS[r.formWanted]} / ${DELIVERY_LABELS[r.deliveryWanted]}</dd>
      <dt>建议主动公开</dt>
      <dd>${r.suggestProactive ? '是' : '否'}</dd>
    </dl>
    <h2>期限变化</h2>
    <table data-testid="clock-moves">
      <thead>
        <tr>
          <th scope="col">日期</th>
          <th scope="col">事项</th>
          <th scope="col">此后的答复期限</th>
        </tr>
      </thead>
      <tbody>
        ${c.moves.map(
          (m) =>
            html`<tr>
              <td>${m.date}</td>
              <td>${m.note}</td>
              <td>${m.deadline ?? '暂停'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>办理记录</h2>
    <ol class="timeline" data-testid="events">
      ${d.events.map((e) => html`<li><strong>${e.eventDate}</strong> ${EVENT_LABELS[e.kind]}${e.dueDate ? `（期限 ${e.dueDate}）` : ''}${e.days ? `（${e.days} 个工作日）` : ''}${e.party ? ` ${e.party}` : ''} — ${e.actorName}${e.body && e.kind !== 'decided' && e.kind !== 'submitted' ? html`<div>${paragraphs(e.body)}</div>` : ''}</li>`)}
    </ol>
    ${
      d.reviews.length
        ? html`<h2>行政复议和行政诉讼</h2>
            <ul>
              ${d.reviews.map(
                (v) =>
                  html`<li>
                    ${v.filedDate}
                    ${REVIEW_KIND_LABELS[v.kind]}${v.kind === 'litigation' ? (v.afterReconsideration ? '（复议后起诉）' : '（未经复议直接起诉）') : ''}：${REVIEW_RESULT_LABELS[v.result]}
                    ${opts.canHandle ? html`<form method="post" action="/console/requests/${r.id}/actions/update_review" class="inline">${csrfField(csrf)}<input type="hidden" name="reviewId" value="${v.id}" />${selectField({ name: 'result', label: '更新结果', value: v.result, options: REVIEW_RESULTS.map((k) => ({ value: k, label: REVIEW_RESULT_LABELS[k] })) })}<button type="submit" class="button secondary">更新</button></form>` : ''}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      r.status === 'decided' || r.status === 'closed' || d.files.length
        ? filesSection(
            csrf,
            d,
            opts.canHandle && r.status === 'decided',
            opts.failed?.action === 'attach_file' ? opts.failed.errors.file : undefined,
          )
        : ''
    }
    ${
      r.status === 'closed'
        ? html`<h2>答复告知书</h2>
            <div class="letter" data-testid="letter">${paragraphs(r.replyLetter)}</div>`
        : ''
    }
    ${
      actions.length
        ? html`<h2>办理</h2>
            ${actions}`
        : ''
    }`;
}

export function settingsPage(
  csrf: string,
  reviewBody: string,
  errors?: FieldErrors,
  saved = false,
): SafeHtml {
  return html`<h1>答复告知书设置</h1>
    ${saved ? html`<p class="notice" role="status">已保存。</p>` : ''}
    ${errorSummary(errors, { reviewBody: '行政复议机关' })}
    <form method="post" action="/console/requests/settings" novalidate>
      ${csrfField(csrf)}
      ${textField({ name: 'reviewBody', label: '行政复议机关', value: reviewBody, error: errors?.reviewBody, hint: '答复告知书救济条款中写明的复议机关，如“黄冈市人民政府”' })}
      <button type="submit" class="button">保存</button>
    </form>`;
}
