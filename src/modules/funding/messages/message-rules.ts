// What a message may be: a text of at most MAX_BODY characters and up to three attachments of the
// kinds a case file takes (PDF, images, office documents), each up to MAX_ATTACHMENT_MB. Pure
// functions: the route runs them through readForm's `check`, the store again in its transaction.
import { type FieldIssue, issue } from '../../../core/http/form';
import type { ThreadKind } from '../schema';

export const MAX_BODY = 5000;
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_MB = 10;
export const attachmentFields = Array.from({ length: MAX_ATTACHMENTS }, (_, i) => `attachment${i + 1}`);
export const attachmentTypes = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'doc',
  'docx',
  'odt',
  'rtf',
  'xls',
  'xlsx',
  'ods',
  'ppt',
  'pptx',
  'odp',
] as const;

export interface AttachmentUpload {
  field: string;
  filename: string;
  content: Buffer;
}

const extensionOf = (filename: string) => (filename.includes('.') ? filename.split('.').pop()!.toLowerCase() : '');

/** The issues of a message's attachments: known kinds only, a PDF that is one, three at most. */
export function attachmentIssues(files: AttachmentUpload[], tooLarge?: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (tooLarge) out.push(issue(tooLarge, 'funding:messages.tooLarge', { size: MAX_ATTACHMENT_MB }));
  for (const f of files) {
    if (!attachmentFields.includes(f.field)) {
      out.push(issue(attachmentFields[0]!, 'funding:messages.tooMany', { max: MAX_ATTACHMENTS }));
      continue;
    }
    const ext = extensionOf(f.filename);
    if (!(attachmentTypes as readonly string[]).includes(ext)) out.push(issue(f.field, 'funding:messages.wrongType'));
    else if (ext === 'pdf' && f.content.subarray(0, 5).toString('latin1') !== '%PDF-')
      out.push(issue(f.field, 'funding:messages.notPdf'));
    else if (f.content.length > MAX_ATTACHMENT_MB * 1024 * 1024)
      out.push(issue(f.field, 'funding:messages.tooLarge', { size: MAX_ATTACHMENT_MB }));
  }
  return out;
}

/** The whole message as the store checks it again: a text, not too long, and its attachments. */
export function messageIssues(input: { body: string; attachments: AttachmentUpload[] }): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (input.body.trim() === '') out.push(issue('body', 'common:validation.required'));
  else if (input.body.length > MAX_BODY) out.push(issue('body', 'common:validation.tooLong'));
  if (input.attachments.length > MAX_ATTACHMENTS)
    out.push(issue(attachmentFields[0]!, 'funding:messages.tooMany', { max: MAX_ATTACHMENTS }));
  return [...out, ...attachmentIssues(input.attachments.slice(0, MAX_ATTACHMENTS))];
}

/**
 * Whether an application has a thread: once it has reached the funder (submitted at least once).
 * A draft is the carrier's own work that nobody at the funder sees, so there is nobody to write to.
 */
export const applicationHasThread = (a: { status: string; version: number }) =>
  !(a.status === 'draft' || a.version === 0);

/** The address of a thread's page, after the language. */
export const threadPath = (kind: ThreadKind, id: string) =>
  kind === 'application' ? `/applications/${id}/messages` : `/grants/${id}/messages`;

/** How a file is served: PDFs and images as what they are, everything else as bytes to save. */
export function servedType(filename: string): string {
  const ext = extensionOf(filename);
  if (ext === 'pdf') return 'application/pdf';
  if (ext === 'png') return 'image/png';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'gif') return 'image/gif';
  return 'application/octet-stream';
}
