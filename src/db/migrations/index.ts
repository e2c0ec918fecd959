// Every migration, in order. Add new ones at the end with a later ISO-date name.
import type { Migration } from 'kysely';
import * as foundation from './2026-11-29T2200_foundation.js';
import * as catalogue from './2026-11-29T2300_catalogue.js';
import * as search from './2026-11-29T2330_search.js';
import * as requests from './2026-11-30T0000_requests.js';
import * as listsCreditInspections from './2026-11-30T0100_lists_credit_inspections.js';
import * as searchVersions from './2026-11-30T0200_search_versions.js';
import * as publicItemsBrowse from './2026-11-30T0300_public_items_browse.js';
import * as requestFiles from './2026-11-30T0400_request_files.js';
import * as searchFunctions from './2026-11-30T0500_search_functions.js';
import * as creditSearch from './2026-11-30T0600_credit_search.js';
import * as inspectionEntitiesActive from './2026-11-30T0700_inspection_entities_active.js';
import * as inspectionPlans from './2026-11-30T0700_inspection_plans.js';
import * as portalReads from './2026-11-30T0900_portal_reads.js';
import * as creditPublicIndex from './2026-11-30T1100_credit_public_index.js';
import * as drawPoolReads from './2026-11-30T1300_draw_pool_reads.js';
import * as itemWorkingCopy from './2026-12-06T1400_item_working_copy.js';
import * as searchTextLz4 from './2026-12-06T1500_search_text_lz4.js';
import * as searchTokenShards from './2026-12-06T1600_search_token_shards.js';
import * as itemPageBodyBytes from './2026-12-06T2300_item_page_body_bytes.js';
import * as itemPageJson from './2026-12-07T0100_item_page_json.js';
import * as itemPagesBatch from './2026-12-07T1200_item_pages_batch.js';
import * as searchFtsOptimize from './2026-12-07T1500_search_fts_optimize.js';
import * as searchAttributesIndex from './2026-12-07T1600_search_attributes_index.js';
import * as searchDropUnusedFunction from './2026-12-07T1700_search_drop_unused_function.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-29T2200_foundation': foundation,
  '2026-11-29T2300_catalogue': catalogue,
  '2026-11-29T2330_search': search,
  '2026-11-30T0000_requests': requests,
  '2026-11-30T0100_lists_credit_inspections': listsCreditInspections,
  '2026-11-30T0200_search_versions': searchVersions,
  '2026-11-30T0300_public_items_browse': publicItemsBrowse,
  '2026-11-30T0400_request_files': requestFiles,
  '2026-11-30T0500_search_functions': searchFunctions,
  '2026-11-30T0600_credit_search': creditSearch,
  '2026-11-30T0700_inspection_entities_active': inspectionEntitiesActive,
  '2026-11-30T0700_inspection_plans': inspectionPlans,
  '2026-11-30T0900_portal_reads': portalReads,
  '2026-11-30T1100_credit_public_index': creditPublicIndex,
  '2026-11-30T1300_draw_pool_reads': drawPoolReads,
  '2026-12-06T1400_item_working_copy': itemWorkingCopy,
  '2026-12-06T1500_search_text_lz4': searchTextLz4,
  '2026-12-06T1600_search_token_shards': searchTokenShards,
  '2026-12-06T2300_item_page_body_bytes': itemPageBodyBytes,
  '2026-12-07T0100_item_page_json': itemPageJson,
  '2026-12-07T1200_item_pages_batch': itemPagesBatch,
  '2026-12-07T1500_search_fts_optimize': searchFtsOptimize,
  '2026-12-07T1600_search_attributes_index': searchAttributesIndex,
  '2026-12-07T1700_search_drop_unused_function': searchDropUnusedFunction,
};
