// Builds the console page of one item (shared by its GET route and the action routes that
// re-render it with errors).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import type { FieldErrors } from '../http/errors.js';
import { sendConsolePage } from '../http/page.js';
import { getDepartment } from '../orgs/orgs.service.js';
import { hasPermission } from '../users/roles.js';
import { listItemAttachments } from './attachments.service.js';
import { itemPage } from './item-page.views.js';
import { deadlineDay, deadlineState, workdayCalendar } from './items.deadlines.js';
import { listInterpretationsOf, listInterpretedPolicies, listPolicyCandidates } from './items.links.js';
import { getItemForUser, listItemVersions } from './items.service.js';
import { listTopics } from './topics.service.js';

export const ITEM_NOTICES: Record<string, string> = {
  created: '已保存为草稿。',
  saved: '已保存。',
  submitted: '已提交审核。',
  approved: '已审核通过，发布员可以发布。',
  returned: '已退回撰稿人修改。',
  published: '已发布，公众可以在网站上看到。',
  scheduled: '已设置定时发布，到时将自动发布。',
  unscheduled: '已取消定时发布。',
  revising: '已开始修订：修改并重新审核、发布后，公众将看到新版本；在此之前仍看到当前版本。',
  withdrawn: '已撤销发布，公众访问原网址将看到撤销说明。',
  linked: '已关联。',
  unlinked: '已取消关联。',
  uploaded: '附件已上传。',
  masked: '已将身份证号码、手机号码打码。已审核的信息打码后须重新提交审核。',
  removed: '附件已删除。',
};

export interface ItemPageState {
  notice?: string | undefined;
  errors?: FieldErrors;
  message?: string | undefined;
  typed?: Record<string, string>;
}

export async function sendItemPage(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  state: ItemPageState = {},
  status = 200,
): Promise<FastifyReply> {
  const db = app.ctx.db.kysely;
  const user = currentUser(request);
  const item = await getItemForUser(db, user, id);
  const [department, topics, versions, attachments, interprets, interpretations, day] = await Promise.all([
    getDepartment(db, item.departmentId),
    listTopics(db),
    listItemVersions(db, id),
    listItemAttachments(db, id),
    listInterpretedPolicies(db, id),
    listInterpretationsOf(db, id),
    deadlineDay(workdayCalendar(db)),
  ]);
  const ownDepartment = item.departmentId === user.departmentId;
  const topic = topics.find((t) => t.id === item.topicId);
  const parent = topic ? topics.find((t) => t.id === topic.parentId) : undefined;
  const policyCandidates =
    item.category === 'interpretation' && ownDepartment
      ? (await listPolicyCandidates(db, item.departmentId)).filter(
          (p) => !interprets.some((l) => l.id === p.id),
        )
      : [];
  return sendConsolePage(
    app,
    request,
    reply,
    {
      title: item.title,
      body: (csrf) =>
        itemPage(csrf, {
          item,
          departmentName: department.fullName,
          topicName: topic ? (parent ? `${parent.name} \\ ${topic.name}` : topic.name) : '',
          deadline: deadlineState(item, day),
          versions,
          attachments,
          interprets,
          interpretations,
          policyCandidates,
          canDraft: ownDepartment && hasPermission(user.roles, 'catalogue.draft'),
          canReview: ownDepartment && hasPermission(user.roles, 'catalogue.review'),
          isAuthor: item.authorId === user.id,
          maxUploadMb: Math.round(app.ctx.config.attachmentMaxBytes / 1024 / 1024),
          ...(state.notice ? { notice: state.notice } : {}),
          ...(state.errors ? { errors: state.errors } : {}),
          ...(state.message ? { message: state.message } : {}),
          ...(state.typed ? { typed: state.typed } : {}),
        }),
    },
    status,
  );
}
