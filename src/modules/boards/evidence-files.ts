import { notFound } from '../../platform/errors.js';
import { defineFileOwner, type FileMeta } from '../../platform/files/index.js';
import { MAX_EVIDENCE, type Evidence } from './board-schema.js';
import { authorize } from './policy.js';

/** Largest evidence file (GONGZHI_FILE_LIMITS `board_entry.evidence=…`). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** A proposal's body: its files at the largest size as base64 (4/3 of their size), and the rest of the JSON. */
export const PROPOSAL_BODY_LIMIT = Math.ceil((MAX_EVIDENCE * MAX_EVIDENCE_BYTES * 4) / 3) + 64 * 1024;

/**
 * A board entry's evidence (证据材料) in the platform file store, sent with the proposal and
 * attached in its transaction. Readable by whoever reads the entry (boards.read within scope;
 * policy files_board_entry in 0050_councils_boards.sql). Never shown on the public page.
 */
export const EVIDENCE_FILES = defineFileOwner({
  kind: 'board_entry',
  label: '榜单事项',
  usages: { evidence: { label: '证据材料', unit: '份', accept: ['image', 'pdf', 'docx'], maxBytes: MAX_EVIDENCE_BYTES, maxCount: MAX_EVIDENCE } },
  assertReadable: async (tx, actor, entryId) => {
    authorize(actor, 'boards.read');
    const row = await tx.selectFrom('board_entries').select('id').where('id', '=', entryId).executeTakeFirst();
    if (!row) throw notFound('榜单事项', entryId);
  },
});

export function presentEvidence(f: FileMeta): Evidence {
  return { id: f.id, filename: f.filename, contentType: f.contentType, bytes: f.bytes, url: `/api/v1/files/${f.id}/content` };
}
