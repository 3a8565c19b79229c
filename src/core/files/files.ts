// Storing and reading uploaded files. Callers check type, size and permission first; this part
// only keeps the bytes with their checksum.
import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { files } from './schema';

export type StoredFile = typeof files.$inferSelect;

export interface NewFile {
  owner: string;
  filename: string;
  mimeType: string;
  content: Buffer;
  createdBy: string | null;
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Saves a file and returns its id, size and checksum. */
export async function storeFile(db: Db, file: NewFile): Promise<{ id: string; size: number; sha256: string }> {
  const sha256 = sha256Of(file.content);
  const [row] = await db
    .insert(files)
    .values({ ...file, size: file.content.length, sha256 })
    .returning({ id: files.id });
  if (!row) throw new Error('file insert returned nothing');
  return { id: row.id, size: file.content.length, sha256 };
}

export async function readFile(db: Db, id: string): Promise<StoredFile | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

export async function deleteFiles(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(files).where(inArray(files.id, ids));
}
