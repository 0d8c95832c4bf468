import type { Actor } from '../actor.js';
import type { Config } from '../config.js';
import type { Tx } from '../db/context.js';

/** What a file may be, decided by its bytes: an image (JPEG, PNG, WebP), a PDF, a Word or an Excel document. */
export type FileKind = 'image' | 'pdf' | 'docx' | 'xlsx';

/** The rules for one usage of files on an owner kind (a work order's photos, a case's evidence). */
export interface FileUsage {
  /** The word messages use for one such file: 照片, 证据材料. */
  label: string;
  /** Its measure word in counts: 张 for photos, 份 for documents (default 个). */
  unit?: string;
  /** The kinds accepted, decided by content. */
  accept: readonly FileKind[];
  /** Largest file in bytes; GONGZHI_FILE_LIMITS (`<kind>.<usage>=5MB`) overrides it. */
  maxBytes: number;
  /** Most files of this usage on one owner. */
  maxCount?: number;
  /** Days a file is kept after it is added, whatever happens to its owner (an archive rule); unset: removable with its owner. */
  retentionDays?: number;
}

/**
 * An owner kind: the module that owns the object defines it (once, in its own code) with the
 * usages it allows and the service-side read check. The database has the twin of that check: a
 * policy `files_<kind>` on `files` in the module's migration.
 */
export interface FileOwner {
  /** owner_kind in the files table: 'work_order'. */
  kind: string;
  /** The object's name in messages: 工单. */
  label: string;
  usages: Record<string, FileUsage>;
  /** Throws (notFound, forbidden) unless the actor may read the owner object. */
  assertReadable(tx: Tx, actor: Actor, ownerId: string): Promise<void>;
}

const owners = new Map<string, FileOwner>();

/** Defines an owner kind and makes it known to the file routes (GET /api/v1/files/…). */
export function defineFileOwner(owner: FileOwner): FileOwner {
  owners.set(owner.kind, owner);
  return owner;
}

/** The owner kind named in a file row or a query, when a module has defined it. */
export function fileOwner(kind: string): FileOwner | undefined {
  return owners.get(kind);
}

/** The usage's rule, or undefined when the owner kind has no such usage. */
export function fileUsage(owner: FileOwner, usage: string): FileUsage | undefined {
  return Object.hasOwn(owner.usages, usage) ? owner.usages[usage] : undefined;
}

/** The size limit in force: the configured one for `<kind>.<usage>`, else the usage's own. */
export function maxBytesFor(config: Pick<Config, 'fileLimits'>, owner: FileOwner, usage: string): number {
  return config.fileLimits[`${owner.kind}.${usage}`] ?? fileUsage(owner, usage)?.maxBytes ?? 0;
}
