import { defineFileOwner, type FileMeta } from '../../platform/files/index.js';
import { toOffsetIso } from '../../platform/time.js';
import { authorizeCaseRead } from './policy.js';
import { visibleCase } from './query-service.js';
import type { Evidence } from './schema.js';
import type { EventRow } from './store.js';

/** Largest piece of evidence: a phone photo or a scanned PDF (GONGZHI_FILE_LIMITS `dispute_case.evidence=…`). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Pieces sent in one upload: the JSON body carries them as base64 (4/3 of their size). */
export const MAX_EVIDENCE_PER_UPLOAD = 3;
/** The upload's body: three files of the largest size as base64, and the rest of the JSON. */
export const EVIDENCE_BODY_LIMIT = Math.ceil((MAX_EVIDENCE_PER_UPLOAD * MAX_EVIDENCE_BYTES * 4) / 3) + 64 * 1024;

/**
 * A mediation case's files in the platform file store: the evidence the case rests on (证据材料 —
 * photos, PDFs, Word and Excel documents), each added to the case, to one of its sessions or to its
 * agreement. Readable by whoever can open the case (its office and those above, the mediator, a
 * department taking part): the rule of visibleCase, which the policy files_dispute_case
 * (0028_dispute_files.sql) applies too. Evidence is part of the case file (卷宗) and is never removed.
 */
export const DISPUTE_CASE_FILES = defineFileOwner({
  kind: 'dispute_case',
  label: '调解案件',
  usages: {
    evidence: { label: '证据材料', unit: '份', accept: ['image', 'pdf', 'docx', 'xlsx'], maxBytes: MAX_EVIDENCE_BYTES, maxCount: 100 },
  },
  assertReadable: async (tx, actor, caseId) => {
    authorizeCaseRead(actor);
    await visibleCase(tx, actor, caseId);
  },
});

/** What an `add_evidence` timeline entry records of each file it added. */
export interface AddedEvidence {
  fileId: string;
  attachedTo: EvidenceTarget;
  sessionId: string | null;
}
export type EvidenceTarget = 'case' | 'session' | 'agreement';

/**
 * The case's evidence as its page lists it: who added what and when and what it belongs to (from
 * the `add_evidence` timeline entries), and whether a mediator has shown it to both parties (the
 * `evidence_shown` entries).
 */
export function presentEvidence(files: FileMeta[], events: EventRow[]): Evidence[] {
  const added = new Map<string, { event: EventRow; file: AddedEvidence; note: string | null }>();
  const shown = new Map<string, EventRow>();
  for (const e of events) {
    if (e.action === 'add_evidence') {
      const details = e.details as { files?: AddedEvidence[]; note?: string | null } | null;
      for (const f of details?.files ?? []) added.set(f.fileId, { event: e, file: f, note: details?.note ?? null });
    } else if (e.action === 'evidence_shown') {
      const fileId = (e.details as { fileId?: string } | null)?.fileId;
      if (fileId && !shown.has(fileId)) shown.set(fileId, e);
    }
  }
  return files.map((f) => {
    const a = added.get(f.id);
    const s = shown.get(f.id);
    return {
      id: f.id,
      filename: f.filename,
      contentType: f.contentType,
      bytes: f.bytes,
      attachedTo: a?.file.attachedTo ?? 'case',
      sessionId: a?.file.sessionId ?? null,
      note: a?.note ?? null,
      addedAt: f.createdAt,
      addedByName: a?.event.actor_name ?? '',
      shownAt: s ? toOffsetIso(s.occurred_at) : null,
      shownByName: s?.actor_name ?? null,
    };
  });
}
