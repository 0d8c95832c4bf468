import { attachFiles, decodeBase64, listOwnerFiles, prepareFiles, saveBlobs } from '../../platform/files/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { invalidField } from '../../platform/errors.js';
import { act } from './action-service.js';
import { appendCaseEvent, conflict } from './core.js';
import { DISPUTE_CASE_FILES, type AddedEvidence } from './evidence.js';
import type { DisputeCaseDetail, EvidenceBody, EvidenceShownBody } from './schema.js';
import { findAgreement, listCaseEvents, listSessions } from './store.js';

// Evidence (证据材料) in a mediation case: photos and documents the case rests on, kept in the
// platform file store. Checked (size, type by content) and stored before the case's transaction;
// attached, put on the timeline and audited inside it.

/**
 * Adds up to three files to the case, one of its sessions or its agreement. Refused, naming the
 * field, with nothing attached: a file over the limit or of a type the bytes don't show to be an
 * image, PDF, Word or Excel document; a session not of this case; an agreement the case doesn't have.
 */
export async function addEvidence(deps: Deps, actor: Actor, id: string, body: EvidenceBody): Promise<DisputeCaseDetail> {
  const attachedTo = body.attachedTo ?? (body.sessionId ? 'session' : 'case');
  if (attachedTo === 'session' && !body.sessionId) throw invalidField('sessionId', '请选择证据所属的调解记录');
  if (attachedTo !== 'session' && body.sessionId) throw invalidField('sessionId', '只有附在调解记录上的证据才选择调解记录');
  const inputs = body.files.map((f, i) => ({ data: decodeBase64(f.data, `files[${i}].data`), filename: f.filename }));
  const files = await prepareFiles(deps, { owner: DISPUTE_CASE_FILES, usage: 'evidence', field: 'files' }, inputs);
  await saveBlobs(deps, files);
  const note = body.note?.trim() || null;
  return act(deps, actor, id, 'add_evidence', async (c) => {
    if (attachedTo === 'session' && !(await listSessions(c.tx, id)).some((s) => s.id === body.sessionId)) {
      throw invalidField('sessionId', '不是本案的调解记录');
    }
    if (attachedTo === 'agreement' && !(await findAgreement(c.tx, id))) throw invalidField('attachedTo', '本案还没有调解协议');
    const attached = await attachFiles(c.tx, deps, actor, { owner: DISPUTE_CASE_FILES, ownerId: id, usage: 'evidence', field: 'files' }, files);
    const added: AddedEvidence[] = attached.map((f) => ({ fileId: f.id, attachedTo, sessionId: body.sessionId ?? null }));
    await appendCaseEvent(c.tx, c, c.row, 'add_evidence', {
      note: [attached.map((f) => f.filename).join('、'), note].filter(Boolean).join('：'),
      details: { files: added, note },
    });
    return { files: attached.map((f) => ({ id: f.id, filename: f.filename, sha256: f.sha256 })), attachedTo };
  });
}

/** Records that a mediator showed a piece of evidence to both parties (质证), once per file. */
export function markEvidenceShown(deps: Deps, actor: Actor, id: string, body: EvidenceShownBody): Promise<DisputeCaseDetail> {
  return act(deps, actor, id, 'evidence_shown', async (c) => {
    const file = (await listOwnerFiles(c.tx, DISPUTE_CASE_FILES, id, 'evidence')).find((f) => f.id === body.fileId);
    if (!file) throw invalidField('fileId', '不是本案的证据材料');
    const events = await listCaseEvents(c.tx, id);
    if (events.some((e) => e.action === 'evidence_shown' && (e.details as { fileId?: string } | null)?.fileId === file.id)) {
      throw conflict(`“${file.filename}”已向双方当事人出示`);
    }
    await appendCaseEvent(c.tx, c, c.row, 'evidence_shown', { note: `已向双方当事人出示：${file.filename}`, details: { fileId: file.id } });
    return { fileId: file.id, filename: file.filename };
  });
}
