// The reply letter (政府信息公开申请答复告知书): generated from a template per outcome, then
// edited by the officer before it is sent. Pure.
import { formatChineseDate } from '../calendar/calendar.dates.js';
import {
  DISCLOSURE_GROUND_LABELS,
  OUTCOME_INFO,
  reconsiderationFirst,
  type DisclosureGround,
  type Outcome,
} from './requests.outcomes.js';

export const DEFAULT_REVIEW_BODY = '本级人民政府';

export interface LetterInput {
  departmentName: string;
  reviewBody: string;
  applicantName: string;
  number: string;
  submittedDate: string;
  receivedDate: string;
  infoDescription: string;
  outcome: Outcome;
  ground: DisclosureGround | null;
  reason: string;
  decidedDate: string;
  relatedNumber: string | null;
}

function decisionParagraph(i: LetterInput): string {
  const basis = `《中华人民共和国政府信息公开条例》${OUTCOME_INFO[i.outcome].basis}`;
  const ground = i.ground ? `（${DISCLOSURE_GROUND_LABELS[i.ground]}）` : '';
  const reason = i.reason ? `理由如下：${i.reason}` : '';
  switch (i.outcome) {
    case 'already_public':
      return `经审查，您申请公开的信息已经主动公开。根据${basis}的规定，现告知您获取该信息的方式和途径：${i.reason || '请登录本机关政府信息公开专栏查阅。'}`;
    case 'disclosed':
      return `经审查，您申请公开的信息属于可以公开的政府信息。根据${basis}的规定，现向您提供该信息${i.reason ? `：${i.reason}` : '（见附件）'}。`;
    case 'partial':
      return `经审查，您申请公开的信息中含有不应当公开的内容${ground}。根据${basis}的规定，本机关对可以公开的部分予以提供，对不予公开的部分说明理由。${reason}`;
    case 'refused_state_secret':
    case 'refused_law_prohibits':
    case 'refused_security_stability':
    case 'refused_third_party':
    case 'refused_internal_affairs':
    case 'refused_process_info':
    case 'refused_enforcement_file':
    case 'refused_admin_query':
      return `经审查，您申请公开的信息${ground || '属于行政查询事项'}，根据${basis}的规定，本机关决定不予公开。${reason}`;
    case 'not_held':
      return `经检索，本机关没有您申请公开的政府信息。根据${basis}的规定，告知您该政府信息不存在。${reason}`;
    case 'not_this_agency':
      return `经审查，您申请公开的信息不属于本机关负责公开。根据${basis}的规定，告知如下：${i.reason}`;
    case 'needs_creation':
      return `经审查，本机关没有现成的所申请信息，需要另行制作或者对现有信息进行加工、分析。根据${basis}的规定，本机关不予提供。${reason}`;
    case 'unclear_after_correction':
      return `您补正后的申请内容仍不明确，本机关无法确定您所申请的政府信息。根据${basis}的规定，告知如下：${i.reason}`;
    case 'petition':
      return `经审查，您提出的申请实为信访、投诉、举报等诉求，根据${basis}的规定，不作为政府信息公开申请处理，请通过相应渠道提出。${reason}`;
    case 'repeat':
      return `本机关已就您提出的相同政府信息公开申请作出答复${i.relatedNumber ? `（申请编号 ${i.relatedNumber}）` : ''}，根据${basis}的规定，对您的重复申请不予重复处理。`;
    case 'publication':
      return `您申请获取的是公开出版物，根据${basis}的规定，告知您获取途径：${i.reason}`;
    case 'excessive':
      return `您申请公开政府信息的数量、频次明显超过合理范围，且所说明的理由不合理，根据${basis}的规定，本机关不予处理。${reason}`;
    case 'confirm_reissue':
      return `您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的范围，本机关不予处理。${reason}`;
    case 'no_correction':
      return `本机关已告知您补正申请，您无正当理由逾期未补正。根据${basis}的规定，您的申请视为放弃，本机关不再处理。`;
    case 'fee_unpaid':
      return `本机关已向您发出收费通知，您逾期未缴纳信息处理费。根据${basis}的规定，您的申请视为放弃，本机关不再处理。`;
    case 'other':
      return i.reason || '您的申请已终止办理。';
    default: {
      const never: never = i.outcome;
      return never;
    }
  }
}

/** The remedy clause: 行政复议 60 days, 行政诉讼 6 months; 复议前置 for 不予公开. */
export function remedyClause(outcome: Outcome, reviewBody: string): string {
  if (reconsiderationFirst(outcome)) {
    return `如对本答复不服，可以自收到本答复之日起 60 日内向${reviewBody}申请行政复议。根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，对不予公开政府信息决定不服的，应当先申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。`;
  }
  return `如对本答复不服，可以自收到本答复之日起 60 日内向${reviewBody}申请行政复议，或者自收到本答复之日起 6 个月内依法向人民法院提起行政诉讼。`;
}

export function generateReplyLetter(i: LetterInput): string {
  return [
    `${i.departmentName}`,
    '政府信息公开申请答复告知书',
    `申请编号：${i.number}`,
    '',
    `${i.applicantName}：`,
    `本机关于${formatChineseDate(i.receivedDate)}收到您于${formatChineseDate(i.submittedDate)}提出的政府信息公开申请，您申请公开“${i.infoDescription}”。现答复如下：`,
    decisionParagraph(i),
    remedyClause(i.outcome, i.reviewBody),
    '',
    i.departmentName,
    formatChineseDate(i.decidedDate),
  ].join('\n');
}
