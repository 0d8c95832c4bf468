import { Type, type Static } from 'typebox';
import { Nullable } from '../http/schemas.js';

/** A stored file as the API shows it (never its content; that is /api/v1/files/:id/content). */
export const FileMetaSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ownerKind: Type.String(),
  ownerId: Type.String({ format: 'uuid' }),
  usage: Type.String(),
  seq: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  /** SHA-256 of the content, hex: the same content has the same digest wherever it is attached. */
  sha256: Type.String(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  /** Kept at least until then (an archive rule); null: removable with its owner. */
  retentionUntil: Nullable(Type.String()),
  /** Kept while on legal hold, whatever the owner's fate. */
  legalHold: Type.Boolean(),
});
export type FileMeta = Static<typeof FileMetaSchema>;

export const FileListSchema = Type.Object({ items: Type.Array(FileMetaSchema) });
export type FileList = Static<typeof FileListSchema>;

export const FileListQuerySchema = Type.Object({
  ownerKind: Type.String({ pattern: '^[a-z][a-z_]*$', maxLength: 40 }),
  ownerId: Type.String({ format: 'uuid' }),
  usage: Type.Optional(Type.String({ pattern: '^[a-z][a-z_]*$', maxLength: 40 })),
});
export type FileListQuery = Static<typeof FileListQuerySchema>;
