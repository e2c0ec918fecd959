// Public pages of 依申请公开: the application form (Art. 29), the page showing the 申请编号 and
// 查询码 once, and the tracking page. No personal data is ever shown here except the reply letter
// to the holder of the 查询码.
import { formatChineseDate } from '../calendar/calendar.dates.js';
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, fieldId, selectField, textArea, textField } from '../http/forms.js';
import { html, paragraphs, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { PAUSE_LABELS } from './requests.clock.js';
import type { Submitted, Tracking } from './requests.service.js';
import {
  APPLICANT_CATEGORIES,
  APPLICANT_CATEGORY_LABELS,
  DELIVERY_LABELS,
  DELIVERY_METHODS,
  EVENT_LABELS,
  FORM_WANTED_LABELS,
  FORMS_WANTED,
  ID_TYPE_LABELS,
  ID_TYPES,
  REQUEST_STATUS_LABELS,
} from './requests.types.js';
import { APPLICATION_LABELS, type ApplicationInput } from './requests.validation.js';

export const HONEYPOT_FIELD = 'website';

const opts = <T extends string>(tuple: readonly T[], labels: Record<T, string>) =>
  tuple.map((v) => ({ value: v, label: labels[v] }));

/** The applicant, information and form fields (shared by the public form and staff registration). */
export function applicationFields(
  v: ApplicationInput,
  errors: FieldErrors | undefined,
  departments: readonly { id: number; fullName: string }[] | null,
): SafeHtml {
  const e = errors ?? {};
  const L = APPLICATION_LABELS;
  return html`<fieldset>
      <legend><h2>申请人信息</h2></legend>
      ${selectField({ name: 'applicantCategory', label: L.applicantCategory, value: v.applicantCategory, error: e.applicantCategory, required: true, placeholder: '请选择', options: opts(APPLICANT_CATEGORIES, APPLICANT_CATEGORY_LABELS) })}
      ${textField({ name: 'name', label: L.name, value: v.name, error: e.name, required: true, autocomplete: 'name', maxlength: 100 })}
      ${selectField({ name: 'idType', label: L.idType, value: v.idType, error: e.idType, required: true, placeholder: '请选择', options: opts(ID_TYPES, ID_TYPE_LABELS), hint: '自然人填写身份证件；法人或其他组织填写统一社会信用代码' })}
      ${textField({ name: 'idNumber', label: L.idNumber, value: v.idNumber, error: e.idNumber, required: true, maxlength: 50 })}
      ${textField({ name: 'phone', label: L.phone, value: v.phone, error: e.phone, required: true, type: 'tel', autocomplete: 'tel', maxlength: 30 })}
      ${textField({ name: 'email', label: L.email, value: v.email, error: e.email, type: 'email', autocomplete: 'email', maxlength: 200, hint: '选择以电子邮件获取信息时必填' })}
      ${textField({ name: 'address', label: L.address, value: v.address, error: e.address, autocomplete: 'street-address', maxlength: 300, hint: '选择邮寄时必填' })}
    </fieldset>
    <fieldset>
      <legend><h2>所需政府信息</h2></legend>
      ${departments ? selectField({ name: 'departmentId', label: L.departmentId, value: v.departmentId, error: e.departmentId, required: true, placeholder: '请选择', options: departments.map((d) => ({ value: String(d.id), label: d.fullName })) }) : ''}
      ${textField({ name: 'infoTitle', label: L.infoTitle, value: v.infoTitle, error: e.infoTitle, maxlength: 200, hint: '名称、文号、内容描述至少填写一项' })}
      ${textField({ name: 'infoDocNumber', label: L.infoDocNumber, value: v.infoDocNumber, error: e.infoDocNumber, maxlength: 100 })}
      ${textField({ name: 'infoIndexNumber', label: L.infoIndexNumber, value: v.infoIndexNumber, error: e.infoIndexNumber, maxlength: 100, hint: '如已知' })}
      ${textArea({ name: 'infoDescription', label: L.infoDescription, value: v.infoDescription, error: e.infoDescription, hint: '便于查询的特征性描述，如制作时间、涉及的项目或地点' })}
    </fieldset>
    <fieldset>
      <legend><h2>获取信息的方式</h2></legend>
      ${selectField({ name: 'formWanted', label: L.formWanted, value: v.formWanted, error: e.formWanted, required: true, placeholder: '请选择', options: opts(FORMS_WANTED, FORM_WANTED_LABELS) })}
      ${selectField({ name: 'deliveryWanted', label: L.deliveryWanted, value: v.deliveryWanted, error: e.deliveryWanted, required: true, placeholder: '请选择', options: opts(DELIVERY_METHODS, DELIVERY_LABELS) })}
      <div class="check">
        <input
          type="checkbox"
          id="${fieldId('suggestProactive')}"
          name="suggestProactive"
          value="1"
          ${v.suggestProactive ? html`checked` : ''}
        />
        <label for="${fieldId('suggestProactive')}"
          >建议将该信息纳入主动公开（《政府信息公开条例》第四十四条）</label
        >
      </div>
    </fieldset>`;
}

export function applyPage(
  csrf: string,
  v: ApplicationInput,
  errors: FieldErrors | undefined,
  departments: readonly { id: number; fullName: string }[],
): SafeHtml {
  return html`<h1>政府信息公开申请</h1>
    <p>
      依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。申请无需说明用途。带
      <span aria-hidden="true">*</span> 的为必填项。
    </p>
    <p>已提交过申请？<a href="/ysq/track">查询办理进度</a></p>
    ${errorSummary(errors, APPLICATION_LABELS)}
    <form method="post" action="/ysq" novalidate data-testid="apply-form">
      ${csrfField(csrf)}
      <div class="visually-hidden" aria-hidden="true">
        <label for="f-${HONEYPOT_FIELD}">请勿填写此项</label>
        <input
          id="f-${HONEYPOT_FIELD}"
          name="${HONEYPOT_FIELD}"
          type="text"
          tabindex="-1"
          autocomplete="off"
          value=""
        />
      </div>
      ${applicationFields(v, errors, departments)}
      <p>您的个人信息仅用于办理本申请，不会在网站上公开。</p>
      <button type="submit" class="button">提交申请</button>
    </form>`;
}

export function submittedPage(s: Submitted): SafeHtml {
  return html`<h1>申请已提交</h1>
    <div class="notice" role="status" data-testid="submitted">
      <p>申请编号：<strong data-testid="request-number">${s.number}</strong></p>
      ${
        s.code
          ? html`<p>查询码：<strong data-testid="tracking-code">${s.code}</strong></p>
              <p>
                <strong>查询码只显示这一次，请立即抄写或保存。</strong
                >凭申请编号和查询码可查询办理进度和答复。
              </p>`
          : html`<p>这是您此前已提交的同一申请，查询码已在首次提交时显示。</p>`
      }
    </div>
    <p>
      网上提交的申请，以本机关与您双方确认之日为收到申请之日（《政府信息公开条例》第三十一条），答复期限自该日起计算。
    </p>
    <p><a href="/ysq/track">查询办理进度</a></p>`;
}

export function trackFormPage(values: { number: string; code: string }, message?: string): SafeHtml {
  return html`<h1>查询申请办理进度</h1>
    ${message ? html`<div class="error-summary" role="alert" data-testid="track-error"><h2>${message}</h2></div>` : ''}
    <form method="get" action="/ysq/track" novalidate>
      ${textField({ name: 'number', label: '申请编号', value: values.number, required: true, hint: '如 YSQ-2026-000123', maxlength: 30 })}
      ${textField({ name: 'code', label: '查询码', value: '', required: true, autocomplete: 'off', maxlength: 30 })}
      <button type="submit" class="button">查询</button>
    </form>`;
}

export function trackingPage(t: Tracking, code: string): SafeHtml {
  const q = `number=${encodeURIComponent(t.number)}&code=${encodeURIComponent(code)}`;
  const c = t.clock;
  return html`<h1>申请 ${t.number}</h1>
    <dl class="summary" data-testid="tracking">
      <dt>受理机关</dt>
      <dd>${t.departmentName}</dd>
      <dt>办理状态</dt>
      <dd data-testid="status">${REQUEST_STATUS_LABELS[t.status]}</dd>
      <dt>提交时间</dt>
      <dd>${formatShanghaiDateTime(t.submittedAt)}</dd>
      <dt>收到申请之日</dt>
      <dd>${t.receivedDate ? formatChineseDate(t.receivedDate) : '待机关确认'}</dd>
      ${
        c.deadline && !c.decided
          ? html`<dt>答复期限</dt>
              <dd data-testid="deadline">
                ${formatChineseDate(c.deadline)}${c.paused ? `（${PAUSE_LABELS[c.paused]}）` : ''}
              </dd>`
          : ''
      }
      ${
        c.paused === 'correction'
          ? html`<dt>答复期限</dt>
              <dd>
                ${PAUSE_LABELS.correction}${c.correctionDue ? `；请于 ${formatChineseDate(c.correctionDue)} 前补正` : ''}
              </dd>`
          : ''
      }
    </dl>
    <h2>办理过程</h2>
    <ol class="timeline" data-testid="steps">
      ${t.steps.map(
        (s) =>
          html`<li>
            <strong>${formatChineseDate(s.date)}</strong>
            ${EVENT_LABELS[s.kind]}${s.dueDate ? `（期限：${formatChineseDate(s.dueDate)}）` : ''}
            ${s.body ? html`<div class="message">${paragraphs(s.body)}</div>` : ''}
          </li>`,
      )}
    </ol>
    ${
      t.replyLetter
        ? html`<h2>答复告知书</h2>
            <div class="letter" data-testid="reply-letter">${paragraphs(t.replyLetter)}</div>
            <p>送达日期：${t.replySentDate ? formatChineseDate(t.replySentDate) : ''}</p>
            <p><a href="/ysq/track/letter?${q}">下载答复告知书</a></p>
            ${
              t.files.length
                ? html`<h2>公开的文件</h2>
                    <ul data-testid="released-files">
                      ${t.files.map((f) => html`<li><a href="/ysq/track/files/${f.id}?${q}">${f.fileName}</a></li>`)}
                    </ul>`
                : ''
            }`
        : ''
    }`;
}
