import { notFound } from '../../platform/errors.js';
import { defineFileOwner, type FileMeta } from '../../platform/files/index.js';
import { authorize } from './policy.js';
import { MAX_MILESTONE_PHOTOS, type MilestonePhoto } from './project-schema.js';

/** Largest photo of a milestone (GONGZHI_FILE_LIMITS `cocreation_milestone.photo=…`). */
export const MAX_MILESTONE_PHOTO_BYTES = 10 * 1024 * 1024;
/** A milestone's body: its photos at the largest size as base64 (4/3 of their size), and the rest of the JSON. */
export const MILESTONE_BODY_LIMIT = Math.ceil((MAX_MILESTONE_PHOTOS * MAX_MILESTONE_PHOTO_BYTES * 4) / 3) + 64 * 1024;

/**
 * A project milestone's photos (施工照片) in the platform file store, sent with the milestone and
 * attached in its transaction, as a task report's attachments are. Readable by whoever reads the
 * milestone (cocreation.read within scope; policy files_cocreation_milestone in
 * 0043_cocreation_projects.sql). Part of the project's record: never removed.
 */
export const MILESTONE_FILES = defineFileOwner({
  kind: 'cocreation_milestone',
  label: '项目进度',
  usages: { photo: { label: '照片', unit: '张', accept: ['image'], maxBytes: MAX_MILESTONE_PHOTO_BYTES, maxCount: MAX_MILESTONE_PHOTOS } },
  assertReadable: async (tx, actor, milestoneId) => {
    authorize(actor, 'cocreation.read');
    const row = await tx.selectFrom('cocreation_milestones').select('id').where('id', '=', milestoneId).executeTakeFirst();
    if (!row) throw notFound('项目进度', milestoneId);
  },
});

/** What a milestone shows of each photo; its content is GET /api/v1/files/:id/content. */
export function presentMilestonePhoto(f: FileMeta): MilestonePhoto {
  return { id: f.id, filename: f.filename, contentType: f.contentType, bytes: f.bytes, url: `/api/v1/files/${f.id}/content` };
}
