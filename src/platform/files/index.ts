/**
 * The platform file store's front door: the only file other code imports from src/platform/files.
 *
 * A module that keeps files on its objects:
 *   - defines its owner kind once (`defineFileOwner`: usages with their kinds, size and count
 *     limits, retention; the read check) and adds the policy `files_<kind>` in its migration;
 *   - attaches: prepareFiles → saveBlobs (both before its transaction) → attachFiles (inside it);
 *   - lists and opens them inside its own read transaction (listOwnerFiles; listOwnersFiles for a
 *     list page's rows in one statement; openOwnerFile) or leaves that to GET /api/v1/files…;
 *   - on deleting an object, calls removeOwnerFiles first (refused while a file is retained).
 * See docs/ARCHITECTURE.md (The file store) and docs/OPERATIONS.md (Files) for storage and backup.
 */
export { defineFileOwner, fileOwner, type FileKind, type FileOwner, type FileUsage } from './owners.js';
export {
  attachFiles,
  downloadFile,
  getFile,
  listFiles,
  listOwnerFiles,
  listOwnersFiles,
  openOwnerFile,
  prepareFiles,
  removeOwnerFile,
  removeOwnerFiles,
  saveBlobs,
  setFileRetention,
  type FileContent,
  type FileInput,
  type PreparedFile,
} from './service.js';
export { sweepFileBlobs, type SweepResult } from './sweep.js';
export { contentDisposition, fileHeaders } from './present.js';
export { FileListSchema, FileMetaSchema, type FileList, type FileMeta } from './schema.js';
export { fileRoutes } from './routes.js';
export { decodeBase64 } from './base64.js';
// For backup and restore: where content outside the database lives, and the lock that keeps the sweep away.
export { blobReadFolder, blobWriteFolder, readBlobFile, sha256Hex, writeBlobFile } from './disk.js';
export { BLOB_SWEEP_LOCK } from './store.js';
