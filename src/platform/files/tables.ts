import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../db/tables.js';

/** One distinct content (db/migrations/0023_files.sql); `data` NULL: the bytes are in the files folder. */
export interface FileBlobsTable {
  sha256: string;
  bytes: number;
  data: Buffer | null;
  created_at: Timestamp;
  touched_at: Timestamp;
}

/** One file attached to an owner object (owner_kind + owner_id). */
export interface FilesTable {
  id: string;
  owner_kind: string;
  owner_id: string;
  usage: string;
  seq: number;
  sha256: string;
  content_type: string;
  bytes: number;
  filename: string;
  meta: Json;
  retention_until: Timestamp | null;
  legal_hold: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

/** The file store's tables, owned by src/platform/files. */
export interface FileTables {
  files: FilesTable;
  file_blobs: FileBlobsTable;
}
