// Console routes for admins to add, rename, deactivate and reorder 主题分类.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { str } from '../http/forms.js';
import { sendConsolePage } from '../http/page.js';
import { actorOf } from '../users/users.service.js';
import {
  createTopic,
  getTopic,
  listTopics,
  moveTopic,
  setTopicActive,
  updateTopic,
} from './topics.service.js';
import type { TopicInput } from './topics.types.js';
import { EMPTY_TOPIC_INPUT, topicForm, topicToInput, topicsPage } from './topics.views.js';

const S = (max = 1000) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TopicBody = Type.Object(
  { name: S(200), slug: S(100), parentId: S(20), description: S(2000), isKeyArea: S(10), sortOrder: S(20) },
  { additionalProperties: false },
);
const NOTICES: Record<string, string> = { created: '已新增。', saved: '已保存。', changed: '已更新。' };

function inputOf(b: Record<string, unknown>): TopicInput {
  return {
    name: str(b.name),
    slug: str(b.slug),
    parentId: str(b.parentId),
    description: str(b.description),
    isKeyArea: str(b.isKeyArea) === '1',
    sortOrder: str(b.sortOrder),
  };
}

export async function topicRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const manage = { permission: 'topics.manage' as const };

  app.get(
    '/console/topics',
    { config: manage, schema: { querystring: Type.Object({ done: S(20) }) } },
    async (request, reply) => {
      const topics = await listTopics(db);
      const notice = NOTICES[str(request.query.done)];
      return sendConsolePage(app, request, reply, {
        title: '主题分类',
        body: (csrf) => topicsPage(csrf, { topics, input: EMPTY_TOPIC_INPUT, ...(notice ? { notice } : {}) }),
      });
    },
  );

  app.post('/console/topics', { config: manage, schema: { body: TopicBody } }, async (request, reply) => {
    const input = inputOf(request.body);
    const result = await createTopic(db, actorOf(currentUser(request)), input);
    if (result.ok) return reply.redirect('/console/topics?done=created', 303);
    const topics = await listTopics(db);
    return sendConsolePage(
      app,
      request,
      reply,
      { title: '主题分类', body: (csrf) => topicsPage(csrf, { topics, input, errors: result.fields }) },
      400,
    );
  });

  app.get(
    '/console/topics/:id/edit',
    { config: manage, schema: { params: IdParams } },
    async (request, reply) => {
      const topic = await getTopic(db, request.params.id);
      const topics = (await listTopics(db)).filter((t) => t.id !== topic.id);
      return sendConsolePage(app, request, reply, {
        title: `编辑主题分类：${topic.name}`,
        body: (csrf) =>
          topicForm(csrf, {
            action: `/console/topics/${topic.id}`,
            input: topicToInput(topic),
            topics,
            submit: '保存',
          }),
      });
    },
  );

  app.post(
    '/console/topics/:id',
    { config: manage, schema: { params: IdParams, body: TopicBody } },
    async (request, reply) => {
      const id = request.params.id;
      const input = inputOf(request.body);
      const result = await updateTopic(db, actorOf(currentUser(request)), id, input);
      if (result.ok) return reply.redirect('/console/topics?done=saved', 303);
      const topics = (await listTopics(db)).filter((t) => t.id !== id);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '编辑主题分类',
          body: (csrf) =>
            topicForm(csrf, {
              action: `/console/topics/${id}`,
              input,
              errors: result.fields,
              topics,
              submit: '保存',
            }),
        },
        400,
      );
    },
  );

  app.post(
    '/console/topics/:id/active',
    {
      config: manage,
      schema: { params: IdParams, body: Type.Object({ active: S(2) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      await setTopicActive(
        db,
        actorOf(currentUser(request)),
        request.params.id,
        str(request.body.active) === '1',
      );
      return reply.redirect('/console/topics?done=changed', 303);
    },
  );

  app.post(
    '/console/topics/:id/move',
    {
      config: manage,
      schema: { params: IdParams, body: Type.Object({ direction: S(10) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const direction = str(request.body.direction) === 'up' ? 'up' : 'down';
      await moveTopic(db, actorOf(currentUser(request)), request.params.id, direction);
      return reply.redirect('/console/topics?done=changed', 303);
    },
  );
}
