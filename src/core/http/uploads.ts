// Uploads. A multipart body is taken only by a route that declares it (`acceptsUploads`), only
// from a signed-in person and only once the form's CSRF token (the first field of our forms) has
// been checked (see csrf.ts); then the route, after its own authorization, reads the files as
// streams, each up to the limit of its kind of document. Nothing is buffered before that, and
// nothing beyond a limit: a file that goes over ends the reading with 413 at once.
import type { Multipart } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderBadInput, renderError } from './errors';
import { badCharacterAt, formValues, hasBadCharacters } from './form';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route takes multipart uploads within these limits; every other route answers 415 */
    uploads?: UploadLimits;
  }
}

export interface UploadLimits {
  /** the largest file any field of the route may carry; each field's own limit is given when reading */
  maxFileBytes: number;
  /** files per request (default 20) */
  maxFiles?: number;
  /** other fields per request (default 100) */
  maxFields?: number;
  /** bytes per other field (default 100 KiB) */
  maxFieldBytes?: number;
}

/** Route options of a route that takes uploads: `app.post(url, { ...guard, ...acceptsUploads(…) }, …)`. */
export const acceptsUploads = (limits: UploadLimits) => ({ config: { uploads: limits } });

export interface UploadedFile {
  field: string;
  filename: string;
  mimetype: string;
  content: Buffer;
}

export type UploadResult =
  | { ok: true; fields: Record<string, string>; files: UploadedFile[] }
  | { ok: false; status: 400 | 413; field?: string; badFields?: string[] };

interface Reading {
  parts: AsyncIterator<Multipart>;
  fields: Record<string, string>;
  badFields: string[];
}
const readings = new WeakMap<FastifyRequest, Reading>();

/** onRequest: multipart for a route that takes no uploads is refused before its body is read. */
export async function refuseUnexpectedMultipart(req: FastifyRequest, reply: FastifyReply) {
  if (req.is404 || !/^\s*multipart\//i.test(req.headers['content-type'] ?? '')) return;
  if (req.routeOptions.config.uploads) return;
  return renderError(req, reply, 415);
}

const clientError = (err: unknown) => {
  const status = (err as { statusCode?: number }).statusCode;
  return status === 413 ? 413 : 400;
};

function keepField(r: Reading, part: Multipart & { type: 'field' }) {
  const value = typeof part.value === 'string' ? part.value : '';
  if (hasBadCharacters(part.fieldname) || hasBadCharacters(value)) r.badFields.push(part.fieldname);
  if (part.valueTruncated || part.fieldnameTruncated) {
    const err = new Error('multipart field too large') as Error & { statusCode: number };
    err.statusCode = 413;
    throw err;
  }
  r.fields[part.fieldname] ??= value;
}

/**
 * Called by the CSRF check of an upload route: reads the first part, which in our forms is the
 * `_csrf` field, and returns its value. Anything else first (a file, other fields) is read no
 * further and refused (403 follows), so nothing but the token is held before it is checked.
 */
export async function readUploadToken(req: FastifyRequest): Promise<string | undefined> {
  const limits = req.routeOptions.config.uploads!;
  const parts = req.parts({
    limits: {
      // one byte more than allowed, so going over is seen (busboy truncates at its limit)
      fileSize: limits.maxFileBytes + 1,
      files: limits.maxFiles ?? 20,
      fields: limits.maxFields ?? 100,
      fieldSize: limits.maxFieldBytes ?? 100 * 1024,
      fieldNameSize: 200,
      headerPairs: 100,
    },
  });
  const r: Reading = { parts, fields: {}, badFields: [] };
  readings.set(req, r);
  try {
    const first = await parts.next();
    if (first.done || first.value.type !== 'field' || first.value.fieldname !== '_csrf') return undefined;
    keepField(r, first.value);
    return r.fields._csrf;
  } catch (err) {
    const e = new Error('malformed multipart body') as Error & { statusCode: number };
    e.statusCode = clientError(err);
    throw e;
  }
}

/**
 * Reads an upload route's fields and files, after the route checked that this person may upload
 * here. `limitOf(field)` is each file field's limit in bytes (undefined: a field the form does not
 * have, read and dropped within the route's limit). A form sent without multipart gives its
 * fields and no files.
 */
export async function readUploads(
  req: FastifyRequest,
  limitOf: (field: string) => number | undefined,
): Promise<UploadResult> {
  const r = readings.get(req);
  if (!req.isMultipart() || !r) return { ok: true, fields: formValues(req.body), files: [] };
  readings.delete(req);
  const maxFileBytes = req.routeOptions.config.uploads?.maxFileBytes ?? 0;
  const files: UploadedFile[] = [];
  try {
    for (;;) {
      const next = await r.parts.next();
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        keepField(r, part);
        continue;
      }
      const limit = Math.min(limitOf(part.fieldname) ?? maxFileBytes, maxFileBytes);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        if (size > limit) {
          // stop reading here; the rest of the body is discarded, never kept
          part.file.destroy();
          return { ok: false, status: 413, field: part.fieldname };
        }
        chunks.push(chunk as Buffer);
      }
      if (part.file.truncated) return { ok: false, status: 413, field: part.fieldname };
      if (hasBadCharacters(part.filename ?? '')) r.badFields.push(part.fieldname);
      if (size === 0 || !part.filename || limitOf(part.fieldname) === undefined) continue;
      files.push({
        field: part.fieldname,
        filename: part.filename,
        mimetype: part.mimetype,
        content: Buffer.concat(chunks),
      });
    }
  } catch (err) {
    return { ok: false, status: clientError(err) };
  }
  if (r.badFields.length) return { ok: false, status: 400, badFields: [...new Set(r.badFields)] };
  return { ok: true, fields: r.fields, files };
}

/**
 * onSend: an upload answered before its end (403, 413, a bad part) is drained to nowhere, so the
 * browser still sending it reads the answer; nothing of it is kept.
 */
export async function discardUnreadUpload(req: FastifyRequest) {
  if (req.isMultipart() && !req.raw.readableEnded) {
    req.raw.unpipe();
    req.raw.resume();
  }
}

/** Answers an upload that could not be read: 413 for too much, 400 for bad characters or bytes. */
export function refuseUpload(req: FastifyRequest, reply: FastifyReply, result: UploadResult & { ok: false }) {
  if (result.badFields?.length) return renderBadInput(req, reply, result.badFields);
  return renderError(req, reply, result.status);
}

/**
 * An uploaded text file (CSV) as text: strict UTF-8, and no character a form would refuse. On
 * failure, the line (from 1) where it went wrong and the message key.
 */
export function uploadedText(
  content: Buffer,
): { ok: true; text: string } | { ok: false; line: number; key: 'unreadable' | 'badCharacters' } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { ok: false, line: 1, key: 'unreadable' };
  }
  const at = badCharacterAt(text);
  if (at >= 0) return { ok: false, line: text.slice(0, at).split('\n').length, key: 'badCharacters' };
  return { ok: true, text };
}
