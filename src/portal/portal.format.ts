// How the portal writes dates, sizes, file types and item URLs. Dates never depend on the
// server's time zone: instants are shifted to Beijing time with UTC arithmetic.
import {
  ITEM_CATEGORY_LABELS,
  VALIDITY_LABELS,
  type ItemCategory,
  type Validity,
} from '../catalogue/catalogue.types.js';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:MM` in Beijing time, the form government sites show (and PubDate uses). */
export function beijingDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `YYYY-MM-DD` in Beijing time. */
export function beijingDate(iso: string): string {
  return beijingDateTime(iso).slice(0, 10);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/ofd': 'OFD',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-works': 'WPS',
  'application/wps-office.wps': 'WPS',
  'application/zip': 'ZIP',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/gif': 'GIF 图片',
};

/** A short name for a file type that people recognise (PDF, Word, Excel …). */
export function fileTypeLabel(mediaType: string, fileName: string): string {
  const known = TYPE_LABELS[mediaType];
  if (known) return known;
  const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1];
  return ext ? ext.toUpperCase() : '文件';
}

export function categoryLabel(c: ItemCategory): string {
  return ITEM_CATEGORY_LABELS[c];
}

export function validityLabel(v: Validity | null): string {
  return v ? VALIDITY_LABELS[v] : '';
}

export function itemHref(itemId: number): string {
  return `/xxgk/items/${itemId}`;
}

export function attachmentHref(id: number, fileName: string): string {
  return `/attachments/${id}/${encodeURIComponent(fileName)}`;
}

/** The host name of the public URL (the SiteDomain tag). */
let lastBaseUrl: string | undefined;
let lastDomain = '';

/** The host of the site's public URL (remembered: every item page asks, always for the same URL). */
export function siteDomain(publicBaseUrl: string): string {
  if (publicBaseUrl !== lastBaseUrl) {
    lastBaseUrl = publicBaseUrl;
    try {
      lastDomain = new URL(publicBaseUrl).host;
    } catch {
      lastDomain = '';
    }
  }
  return lastDomain;
}
