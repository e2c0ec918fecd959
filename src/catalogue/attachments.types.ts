// Attachments of catalogue items: the accepted file types (detected from the content, never from
// the extension) and the domain type.

export const ATTACHMENT_KINDS = [
  'pdf',
  'ofd',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'wps',
  'png',
  'jpeg',
  'gif',
  'zip',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_KIND_INFO: Record<
  AttachmentKind,
  { label: string; mediaType: string; extensions: readonly string[] }
> = {
  pdf: { label: 'PDF', mediaType: 'application/pdf', extensions: ['pdf'] },
  ofd: { label: 'OFD', mediaType: 'application/ofd', extensions: ['ofd'] },
  doc: { label: 'Word 文档', mediaType: 'application/msword', extensions: ['doc', 'wps', 'dot'] },
  docx: {
    label: 'Word 文档',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xls: { label: 'Excel 表格', mediaType: 'application/vnd.ms-excel', extensions: ['xls', 'et'] },
  xlsx: {
    label: 'Excel 表格',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  wps: { label: 'WPS 文字', mediaType: 'application/vnd.ms-works', extensions: ['wps', 'doc'] },
  png: { label: 'PNG 图片', mediaType: 'image/png', extensions: ['png'] },
  jpeg: { label: 'JPEG 图片', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { label: 'GIF 图片', mediaType: 'image/gif', extensions: ['gif'] },
  zip: { label: 'ZIP 压缩包', mediaType: 'application/zip', extensions: ['zip'] },
};

export function kindOfMediaType(mediaType: string): AttachmentKind | undefined {
  return ATTACHMENT_KINDS.find((k) => ATTACHMENT_KIND_INFO[k].mediaType === mediaType);
}

export interface Attachment {
  id: number;
  itemId: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  sortOrder: number;
  createdAt: string;
  /** e.g. PDF, Word 文档 */
  typeLabel: string;
  /** e.g. 1.2 MB */
  sizeLabel: string;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
