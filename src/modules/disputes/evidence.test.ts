import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from '../../platform/db/context.js';
import { exe, pdf, png } from '../../platform/files/test-fixtures.js';
import { departmentId } from '../requests/test-fixtures.js';
import { caseAction, CHANGCHUN, client, intakeFixture, openCase, outsider, SHANGHUANG, type Api, type Intake } from './test-fixtures.js';

// Mediation evidence (issue #16, item 2): photos and documents attached to a case, a session or the
// agreement in the platform file store; listed with who added what and when; marked as shown to both
// parties; readable only by who can open the case, with the service bypassed too.

let h: Harness;
let f: Intake;
let api: Api;
let zjj: string;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000, fileLimits: { 'dispute_case.evidence': 64 * 1024 } });
  f = await intakeFixture(h, ['county', 'village', 'village2', 'dept', 'dept2']);
  api = client(h, f.cookies);
  zjj = await departmentId(h, 'zjj');
});
afterAll(() => h?.close());

const b64 = (b: Buffer) => b.toString('base64');
const sys = <T>(fn: Parameters<typeof withContext<T>>[2]) => withContext(h.deps.db, SYSTEM_CONTEXT, fn);
const fileRows = (caseId: string) =>
  sys((tx) => tx.selectFrom('files').select(['id', 'sha256']).where('owner_kind', '=', 'dispute_case').where('owner_id', '=', caseId).execute());
const eventCount = (caseId: string) =>
  sys(async (tx) =>
    Number(
      (
        await tx
          .selectFrom('dispute_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

describe('evidence on a mediation case', () => {
  it('a mediator adds a photo and a PDF, then a session record; the case lists who added what; audited', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('石甲', 'applicant'), outsider('石乙')] });
    expect(c.evidence).toEqual([]);
    expect(c.allowedActions).toContain('evidence');
    const res = await caseAction(api, c.id, 'evidence', 'village', {
      files: [
        { data: `data:image/png;base64,${b64(png(7))}`, filename: '围墙现场.png' },
        { data: b64(pdf('借条')), filename: '借条复印件.pdf' },
      ],
      note: '现场照片和借条',
    });
    expect(res.statusCode, res.body).toBe(200);
    const ev = res.json().evidence;
    expect(ev).toEqual([
      expect.objectContaining({
        filename: '围墙现场.png',
        contentType: 'image/png',
        attachedTo: 'case',
        sessionId: null,
        note: '现场照片和借条',
        shownAt: null,
      }),
      expect.objectContaining({ filename: '借条复印件.pdf', contentType: 'application/pdf', attachedTo: 'case' }),
    ]);
    expect(ev[0].addedByName).toBeTruthy();
    expect(res.json().timeline.at(-1)).toMatchObject({ action: 'add_evidence', note: '围墙现场.png、借条复印件.pdf：现场照片和借条' });
    expect(ev[1].note).toBe('现场照片和借条');

    const session = await caseAction(api, c.id, 'session', 'village', {
      heldAt: h.clock.now().toISOString(),
      place: '村委会',
      attendees: ['石甲', '石乙'],
      record: '双方陈述了围墙的来历',
      methods: ['family'],
    });
    expect(session.statusCode, session.body).toBe(200);
    const sessionId = session.json().sessions[0].id;
    const onSession = await caseAction(api, c.id, 'evidence', 'village', { files: [{ data: b64(png(8)), filename: '笔录签字页.png' }], sessionId });
    expect(onSession.statusCode, onSession.body).toBe(200);
    expect(onSession.json().evidence.at(-1)).toMatchObject({ filename: '笔录签字页.png', attachedTo: 'session', sessionId });

    // The bytes, as uploaded (a PDF is kept as is), for whoever can open the case.
    const pdfFile = ev[1];
    const content = await api.get(`/api/v1/files/${pdfFile.id}/content`, 'county');
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.rawPayload.equals(pdf('借条'))).toBe(true);

    const audits = await sys((tx) =>
      tx.selectFrom('audit_log').select(['action']).where('target_id', '=', c.id).where('action', 'in', ['file.attach', 'dispute_case.add_evidence']).execute(),
    );
    expect(audits.map((a) => a.action).sort()).toEqual(['dispute_case.add_evidence', 'dispute_case.add_evidence', 'file.attach', 'file.attach']);
  });

  it('refuses, naming the field, with nothing written: a program, a file over the limit, a session of another case, no agreement, another village', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('龙甲', 'applicant'), outsider('龙乙')] });
    const other = await openCase(api, 'village', { parties: [outsider('龙丙', 'applicant'), outsider('龙丁')] });
    const otherSession = await caseAction(api, other.id, 'session', 'village', {
      heldAt: h.clock.now().toISOString(),
      place: '村委会',
      attendees: ['龙丙'],
      record: '另一案的调解记录',
      methods: ['family'],
    });
    const otherSessionId = otherSession.json().sessions[0].id;
    const events = await eventCount(c.id);
    const refusals: [string, object, number, string, RegExp][] = [
      ['a program named .pdf', { files: [{ data: b64(png(1)) }, { data: b64(exe()), filename: '协议.pdf' }] }, 400, 'files[1]', /./],
      [
        'over the limit',
        { files: [{ data: b64(Buffer.concat([pdf(), Buffer.alloc(70 * 1024, 32)])), filename: '大文件.pdf' }] },
        400,
        'files[0]',
        /不能超过 64 KB/,
      ],
      ['a session of another case', { files: [{ data: b64(png(2)) }], sessionId: otherSessionId }, 400, 'sessionId', /不是本案的调解记录/],
      ['no agreement yet', { files: [{ data: b64(png(3)) }], attachedTo: 'agreement' }, 400, 'attachedTo', /还没有调解协议/],
      ['not base64', { files: [{ data: '这不是一个文件的内容，而是一段文字说明而已' }] }, 400, 'files[0].data', /base64/],
    ];
    for (const [what, body, status, field, message] of refusals) {
      const res = await caseAction(api, c.id, 'evidence', 'village', body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.json().error.details.field, what).toBe(field);
      expect(res.json().error.message, what).toMatch(message);
    }
    const elsewhere = await caseAction(api, c.id, 'evidence', 'village2', { files: [{ data: b64(png(4)) }] });
    expect(elsewhere.statusCode).toBe(404);
    expect(await fileRows(c.id)).toEqual([]);
    expect(await eventCount(c.id)).toBe(events);
  });

  it('shown to both parties once; only a file of this case', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('杨甲', 'applicant'), outsider('杨乙')] });
    const other = await openCase(api, 'village', { parties: [outsider('杨丙', 'applicant'), outsider('杨丁')] });
    const [mine] = (await caseAction(api, c.id, 'evidence', 'village', { files: [{ data: b64(png(11)), filename: '界桩.png' }] })).json().evidence;
    const [theirs] = (await caseAction(api, other.id, 'evidence', 'village', { files: [{ data: b64(png(12)) }] })).json().evidence;
    const wrong = await caseAction(api, c.id, 'evidence-shown', 'village', { fileId: theirs.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('fileId');
    const shown = await caseAction(api, c.id, 'evidence-shown', 'village', { fileId: mine.id });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().evidence[0]).toMatchObject({ id: mine.id, shownAt: expect.any(String), shownByName: expect.any(String) });
    expect(shown.json().timeline.at(-1)).toMatchObject({ action: 'evidence_shown', note: '已向双方当事人出示：界桩.png' });
    expect((await caseAction(api, c.id, 'evidence-shown', 'village', { fileId: mine.id })).statusCode).toBe(409);
  });

  it('read only by who can open the case: another village gets 404; an invited department reads but adds nothing; the database agrees', async () => {
    const c = await openCase(api, 'village', { parties: [outsider('吴甲', 'applicant'), outsider('吴乙')] });
    const [file] = (await caseAction(api, c.id, 'evidence', 'village', { files: [{ data: b64(png(21)), filename: '照片.png' }] })).json().evidence;
    expect((await api.get(`/api/v1/files/${file.id}/content`, 'village2')).statusCode).toBe(404);
    expect((await api.get(`/api/v1/files/${file.id}/content`, 'dept')).statusCode).toBe(404);
    await caseAction(api, c.id, 'invite-department', 'village', { departmentId: zjj });
    expect((await api.get(`/api/v1/files/${file.id}/content`, 'dept')).statusCode).toBe(200);
    expect((await api.get(`/api/v1/disputes/cases/${c.id}`, 'dept')).json().evidence).toHaveLength(1);
    expect((await caseAction(api, c.id, 'evidence', 'dept', { files: [{ data: b64(png(22)) }] })).statusCode).toBe(404);
    expect((await api.get(`/api/v1/files/${file.id}/content`, 'dept2')).statusCode).toBe(404);

    // With the service bypassed: rows and content hidden from another village; no attaching by a department.
    const [shanghuang, changchun, county] = await sys((tx) =>
      Promise.all(
        [SHANGHUANG, CHANGCHUN, '522631000000'].map((code) => tx.selectFrom('regions').select('path').where('code', '=', code).executeTakeFirstOrThrow()),
      ),
    );
    const cadre = (path: string): DbContext => ({ userId: null, role: 'village_cadre', scopePath: path });
    const sha = (await fileRows(c.id))[0]!.sha256;
    const rows = (ctx: DbContext) =>
      withContext(h.deps.db, ctx, async (tx) => ({
        files: (await tx.selectFrom('files').select('id').where('id', '=', file.id).execute()).length,
        blobs: (await tx.selectFrom('file_blobs').select('sha256').where('sha256', '=', sha).execute()).length,
      }));
    expect(await rows(cadre(shanghuang!.path))).toEqual({ files: 1, blobs: 1 });
    expect(await rows(cadre(changchun!.path))).toEqual({ files: 0, blobs: 0 });
    const dept: DbContext = { userId: null, role: 'department_staff', scopePath: county!.path, departmentId: zjj };
    expect(await rows(dept)).toEqual({ files: 1, blobs: 1 });
    await expect(
      withContext(h.deps.db, dept, (tx) =>
        tx
          .insertInto('files')
          .values({
            id: crypto.randomUUID(),
            owner_kind: 'dispute_case',
            owner_id: c.id,
            usage: 'evidence',
            seq: 99,
            sha256: sha,
            content_type: 'image/png',
            bytes: 1,
            filename: 'x.png',
            meta: '{}',
            created_at: new Date(),
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
