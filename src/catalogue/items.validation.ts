// Checks what staff typed into an item's form; returns Chinese messages per field.
import { invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { shanghaiDate } from '../shared/clock.js';
import { cleanBodyForStorage } from './body.render.js';
import type {
  DisclosureGround,
  DisclosureKind,
  InterpretationForm,
  ItemCategory,
  Validity,
} from './catalogue.types.js';
import { normaliseDocNumber } from './doc-number.js';
import {
  BODY_MAX,
  DOC_NUMBER_MAX,
  POLICY_CATEGORIES,
  REASON_MAX,
  SUMMARY_MAX,
  TITLE_MAX,
  TITLE_MIN,
  isDisclosureGround,
  isDisclosureKind,
  isInterpretationForm,
  isItemCategory,
  isValidity,
  type ItemInput,
} from './items.types.js';

export interface ValidItem {
  title: string;
  summary: string;
  docNumber: string;
  issuer: string;
  signedDate: string | null;
  topicId: number | null;
  category: ItemCategory;
  disclosure: DisclosureKind;
  disclosureGround: DisclosureGround | null;
  disclosureReason: string;
  scope: string;
  validity: Validity | null;
  body: string;
  needsInterpretation: boolean;
  interpretationExemptReason: string;
  interpretationForm: InterpretationForm | null;
  changeNote: string;
}

export const DEFAULT_SCOPE = '面向社会';

const length = (s: string) => [...s].length;

/** A real calendar date written YYYY-MM-DD (UTC arithmetic, so the server's zone never matters). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function validateItemInput(
  input: ItemInput,
  ctx: { isRevision: boolean; topicIsActive: (id: number) => boolean; today?: string },
): Result<ValidItem> {
  const fields: FieldErrors = {};
  const today = ctx.today ?? shanghaiDate();

  const title = input.title.replace(/\s+/g, ' ').trim();
  if (!title) fields.title = '请填写名称';
  else if (length(title) < TITLE_MIN) fields.title = `名称至少 ${TITLE_MIN} 个字`;
  else if (length(title) > TITLE_MAX)
    fields.title = `名称不能超过 ${TITLE_MAX} 个字（现有 ${length(title)} 个字）`;

  const summary = input.summary.trim();
  if (length(summary) > SUMMARY_MAX) fields.summary = `内容概述不能超过 ${SUMMARY_MAX} 个字`;

  const docNumber = normaliseDocNumber(input.docNumber);
  if (length(docNumber) > DOC_NUMBER_MAX) fields.docNumber = `文号不能超过 ${DOC_NUMBER_MAX} 个字`;
  else if (docNumber && !docNumber.endsWith('号'))
    fields.docNumber = '文号应以“号”结尾，例如 黄政办发〔2017〕27号';

  const issuer = input.issuer.trim();
  if (length(issuer) > 100) fields.issuer = '发布机构不能超过 100 个字';

  const category = input.category.trim();
  if (!isItemCategory(category)) fields.category = '请选择信息类别';

  let signedDate: string | null = null;
  const signedRaw = input.signedDate.trim();
  if (signedRaw) {
    if (!isIsoDate(signedRaw)) fields.signedDate = '成文日期应为有效日期，格式如 2017-03-15';
    else if (signedRaw > today) fields.signedDate = '成文日期不能晚于今天（也不能晚于发布日期）';
    else signedDate = signedRaw;
  } else if (isItemCategory(category) && POLICY_CATEGORIES.includes(category)) {
    fields.signedDate = '政策文件和规范性文件须填写成文日期';
  }

  let topicId: number | null = null;
  const topicRaw = input.topicId.trim();
  if (topicRaw) {
    if (/^\d{1,9}$/.test(topicRaw) && ctx.topicIsActive(Number(topicRaw))) topicId = Number(topicRaw);
    else fields.topicId = '请选择有效的主题分类';
  }

  const disclosure = input.disclosure.trim();
  let disclosureGround: DisclosureGround | null = null;
  let disclosureReason = '';
  if (!isDisclosureKind(disclosure)) fields.disclosure = '请选择公开属性';
  else if (disclosure !== 'proactive') {
    const ground = input.disclosureGround.trim();
    if (!isDisclosureGround(ground))
      fields.disclosureGround = '依申请公开或不予公开须选择《条例》第十四至十六条规定的依据';
    else disclosureGround = ground;
    disclosureReason = input.disclosureReason.trim();
    if (!disclosureReason) fields.disclosureReason = '依申请公开或不予公开须说明理由';
    else if (length(disclosureReason) > REASON_MAX)
      fields.disclosureReason = `理由不能超过 ${REASON_MAX} 个字`;
  }

  const scope = input.scope.trim() || DEFAULT_SCOPE;
  if (length(scope) > 100) fields.scope = '公开范围不能超过 100 个字';

  let validity: Validity | null = null;
  const validityRaw = input.validity.trim();
  if (validityRaw) {
    if (isValidity(validityRaw)) validity = validityRaw;
    else fields.validity = '请选择有效性';
  } else if (category === 'normative') {
    fields.validity = '规范性文件须标注有效性（有效、失效或废止）';
  }

  const body = cleanBodyForStorage(input.body);
  if (body.length > BODY_MAX) fields.body = '正文过长，请将较长的内容作为附件上传';

  const policyLike = isItemCategory(category) && POLICY_CATEGORIES.includes(category);
  const needsInterpretation = input.needsInterpretation;
  if (needsInterpretation && isItemCategory(category) && !policyLike)
    fields.needsInterpretation = '只有政策文件和规范性文件可以标记“需解读”';
  const interpretationExemptReason = input.interpretationExemptReason.trim();
  if (length(interpretationExemptReason) > REASON_MAX)
    fields.interpretationExemptReason = `理由不能超过 ${REASON_MAX} 个字`;

  let interpretationForm: InterpretationForm | null = null;
  const formRaw = input.interpretationForm.trim();
  if (category === 'interpretation') {
    if (isInterpretationForm(formRaw)) interpretationForm = formRaw;
    else fields.interpretationForm = '政策解读须选择解读形式（文字、图解、视频、问答、访谈或发布会）';
  }

  const changeNote = input.changeNote.trim();
  if (ctx.isRevision && !changeNote)
    fields.changeNote = '修订已发布的信息须填写修订说明（公众可在版本记录中看到）';
  else if (length(changeNote) > 500) fields.changeNote = '修订说明不能超过 500 个字';

  if (Object.keys(fields).length > 0 || !isItemCategory(category) || !isDisclosureKind(disclosure))
    return invalid(fields);
  return ok({
    title,
    summary,
    docNumber,
    issuer,
    signedDate,
    topicId,
    category,
    disclosure,
    disclosureGround,
    disclosureReason,
    scope,
    validity,
    body,
    needsInterpretation: needsInterpretation && policyLike,
    interpretationExemptReason: policyLike ? interpretationExemptReason : '',
    interpretationForm,
    changeNote,
  });
}
