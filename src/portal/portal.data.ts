// Catalogue data that many public pages share and that changes only with the catalogue: the topic
// list and facet counts. Kept per app in a DataMemo (dropped on every publish, revise and withdraw,
// like rendered pages), so a list page whose render is not cached still does not count the whole
// catalogue again for its filter options.
import {
  countPublicItems,
  listFacets,
  listPublicTopics,
  type Facets,
  type PublicItemFilter,
  type PublicTopic,
} from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { DataMemo } from './render-cache.js';

interface Memos {
  topics: DataMemo<PublicTopic[]>;
  facets: DataMemo<Facets>;
  counts: DataMemo<number>;
}

const memos = new WeakMap<object, Memos>();

function memosOf(app: App): Memos {
  let m = memos.get(app.ctx.db);
  if (!m) {
    m = {
      topics: new DataMemo<PublicTopic[]>(1),
      facets: new DataMemo<Facets>(2000),
      counts: new DataMemo<number>(2000),
    };
    memos.set(app.ctx.db, m);
  }
  return m;
}

/** Active topics, in their order. */
export function publicTopics(app: App): Promise<PublicTopic[]> {
  return memosOf(app).topics.get('all', () => listPublicTopics(app.ctx.db.kysely));
}

/** Facet counts (and the total) for a filter. */
export function publicFacets(
  app: App,
  filter: PublicItemFilter,
  topics: readonly PublicTopic[],
): Promise<Facets> {
  return memosOf(app).facets.get(JSON.stringify(filter), () => listFacets(app.ctx.db.kysely, filter, topics));
}

/** How many items match a filter (a title search counts by scanning, so it is worth keeping). */
export function publicCount(app: App, filter: PublicItemFilter): Promise<number> {
  return memosOf(app).counts.get(JSON.stringify(filter), () => countPublicItems(app.ctx.db.kysely, filter));
}
