import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { WORK_ORDER_FILES } from '../../modules/requests/photos.js';
import { CHANGCHUN, client, intakeFixture, relogin, SHANGHUANG, type Intake } from '../../modules/requests/test-fixtures.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { SYSTEM_CONTEXT, withContext, type DbContext } from '../db/context.js';
import { AppError } from '../errors.js';
import { blobPath, blobReadFolder, blobWriteFolder } from './disk.js';
import { attachFiles, prepareFiles, removeOwnerFiles, saveBlobs, setFileRetention, sweepFileBlobs, type FileInput, type FileOwner } from './index.js';
import { BLOB_SWEEP_LOCK } from './store.js';
import { docm, docx, exe, pdf, png, storedZip, xlsx } from './test-fixtures.js';

// The platform file store (issue #16): type by content, size limits, scope in the service and in
// row-level security, removal with the owner, retention, the orphan sweep, and work-order photos on it.

let h: Harness;
let f: Intake;
let api: ReturnType<typeof client>;

/** Work orders with another usage for the tests: documents of any kind, small, and records kept 30 days. */
const ORDER_DOCS: FileOwner = {
  ...WORK_ORDER_FILES,
  usages: {
    ...WORK_ORDER_FILES.usages,
    attachment: { label: '附件', unit: '份', accept: ['image', 'pdf', 'docx', 'xlsx'], maxBytes: 64 * 1024 },
    record: { label: '存档材料', accept: ['pdf'], maxBytes: 64 * 1024, retentionDays: 30 },
  },
};

const b64 = (b: Buffer) => b.toString('base64');
const sys = <T>(fn: Parameters<typeof withContext<T>>[2]) => withContext(h.deps.db, SYSTEM_CONTEXT, fn);
const blobCount = async () =>
  Number(
    (
      await sys((tx) =>
        tx
          .selectFrom('file_blobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      )
    ).n,
  );
const folderFiles = () => {
  const folder = blobReadFolder(h.config);
  return fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).filter((p) => fs.statSync(`${folder}/${String(p)}`).isFile()).length : 0;
};

/** A work order made through the intake API, with photos. */
async function order(address: string, photos: Buffer[], who = 'county'): Promise<{ id: string; photos: { id: string; contentType: string; bytes: number }[] }> {
  const res = await api.post('/api/v1/requests', who, {
    description: `${address}的路灯坏了一个星期`,
    address,
    photos: photos.map((p, i) => ({ data: b64(p), filename: `现场${i}.png` })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return (await api.get(`/api/v1/work-orders/${res.json().id}`, who)).json();
}

/** Attaches files to an order as the server would inside a module's write: prepare, save, attach. */
async function attach(orderId: string, usage: string, inputs: FileInput[]) {
  const prepared = await prepareFiles(h.deps, { owner: ORDER_DOCS, usage, field: 'files' }, inputs);
  await saveBlobs(h.deps, prepared);
  return sys((tx) => attachFiles(tx, h.deps, SYSTEM_ACTOR, { owner: ORDER_DOCS, ownerId: orderId, usage, field: 'files' }, prepared));
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

let pathA: string;
let pathB: string;
let orderA: Awaited<ReturnType<typeof order>>;
let orderB: Awaited<ReturnType<typeof order>>;

beforeAll(async () => {
  h = await createHarness({ loginRateLimitPerMinute: 1000 });
  f = await intakeFixture(h, ['county', 'village', 'village2']);
  api = client(h, f.cookies);
  const paths = await sys((tx) => tx.selectFrom('regions').select(['code', 'path']).where('code', 'in', [SHANGHUANG, CHANGCHUN]).execute());
  pathA = paths.find((p) => p.code === SHANGHUANG)!.path;
  pathB = paths.find((p) => p.code === CHANGCHUN)!.path;
  orderA = await order('上黄村四组', [png(1), png(2)]);
  orderB = await order('长春村二组', [png(3)]);
});
afterAll(() => h?.close());

describe('the type is decided by the bytes, not the name', () => {
  it('a .png name with PDF bytes is typed as PDF where PDFs are allowed, and refused as a photo', async () => {
    const [doc] = await prepareFiles(h.deps, { owner: ORDER_DOCS, usage: 'attachment', field: 'files' }, [{ data: pdf(), filename: '现场照片.png' }]);
    expect(doc).toMatchObject({ kind: 'pdf', contentType: 'application/pdf', filename: '现场照片.pdf' });
    const err = await refusal(prepareFiles(h.deps, { owner: WORK_ORDER_FILES, usage: 'photo', field: 'photos' }, [{ data: pdf(), filename: 'a.png' }]));
    expect(err).toBeInstanceOf(AppError);
    expect(err.details.field).toBe('photos[0]');
    expect(err.message).toMatch(/^photos\[0\]: 照片只接受 JPEG、PNG 或 WebP 图片（文件内容是 PDF；按内容识别，与文件名无关）/);
  });

  it('an exe renamed .jpg is refused over HTTP with 400 naming the field, and nothing is written', async () => {
    const [blobs, files, orders] = [await blobCount(), folderFiles(), (await api.get('/api/v1/work-orders', 'county')).json().total];
    const res = await api.post('/api/v1/requests', 'county', {
      description: '上黄村四组的路灯坏了',
      address: '上黄村四组',
      photos: [{ data: b64(exe()), filename: 'photo.jpg' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'photos[0]' } });
    expect(res.json().error.message).toContain('照片只接受 JPEG、PNG 或 WebP 图片（文件内容是 EXE');
    expect(await refusal(prepareFiles(h.deps, { owner: ORDER_DOCS, usage: 'attachment', field: 'files' }, [{ data: exe(), filename: 'x.pdf' }]))).toMatchObject(
      {
        details: { field: 'files[0]' },
      },
    );
    expect([await blobCount(), folderFiles(), (await api.get('/api/v1/work-orders', 'county')).json().total]).toEqual([blobs, files, orders]);
  });

  it('takes Word and Excel documents where allowed; refuses macro documents, plain zips, cut-off PDFs and text', async () => {
    const ok = await prepareFiles(h.deps, { owner: ORDER_DOCS, usage: 'attachment', field: 'files' }, [
      { data: docx(), filename: '调解记录' },
      { data: xlsx(), filename: '../../台账.xlsx' },
    ]);
    expect(ok.map((d) => [d.kind, d.filename])).toEqual([
      ['docx', '调解记录.docx'],
      ['xlsx', '台账.xlsx'],
    ]);
    const bad: [Buffer, RegExp][] = [
      [docm(), /文件内容是 DOCM/],
      [storedZip([['a.txt', 'hello']]), /文件内容是 ZIP/],
      [pdf().subarray(0, 40), /不是完整的 PDF 文件/],
      [Buffer.from('<html><script>alert(1)</script></html>'), /无法识别文件内容/],
    ];
    for (const [data, message] of bad) {
      const err = await refusal(prepareFiles(h.deps, { owner: ORDER_DOCS, usage: 'attachment', field: 'files' }, [{ data }]));
      expect(err.details.field).toBe('files[0]');
      expect(err.message).toMatch(message);
    }
  });
});

describe('size limits', () => {
  it('a photo over 5 MB is refused before anything is written', async () => {
    const [blobs, files] = [await blobCount(), folderFiles()];
    const big = Buffer.concat([png(9), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await api.post('/api/v1/requests', 'county', { description: '上黄村四组的路灯坏了', address: '上黄村四组', photos: [{ data: b64(big) }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ details: { field: 'photos[0]' } });
    expect(res.json().error.message).toMatch(/^photos\[0\]: 照片不能超过 5 MB/);
    expect([await blobCount(), folderFiles()]).toEqual([blobs, files]);
  });

  it('follows GONGZHI_FILE_LIMITS per owner kind and usage', async () => {
    const config = { fileLimits: { 'work_order.attachment': 100 } };
    const err = await refusal(prepareFiles({ config }, { owner: ORDER_DOCS, usage: 'attachment', field: 'files' }, [{ data: pdf() }]));
    expect(err.message).toMatch(/^files\[0\]: 附件不能超过 100 字节/);
  });
});

describe('scope', () => {
  const village = (path: string): DbContext => ({ userId: null, role: 'village_cadre', scopePath: path });

  it('with the service bypassed, another village sees no row and no content of the order’s files', async () => {
    const ids = orderA.photos.map((p) => p.id);
    const seen = async (ctx: DbContext) =>
      withContext(h.deps.db, ctx, async (tx) => ({
        files: await tx.selectFrom('files').select(['id', 'sha256']).where('owner_id', '=', orderA.id).execute(),
        all: await tx.selectFrom('files').select('id').where('id', 'in', ids).execute(),
      }));
    const own = await seen(village(pathA));
    expect(own.files.map((r) => r.id).sort()).toEqual([...ids].sort());
    const other = await seen(village(pathB));
    expect(other.files).toEqual([]);
    expect(other.all).toEqual([]);
    // The content too: file_blobs shows a blob only through a file the caller may read.
    const hashes = own.files.map((r) => r.sha256);
    const blobsFor = (ctx: DbContext) =>
      withContext(h.deps.db, ctx, (tx) => tx.selectFrom('file_blobs').select('sha256').where('sha256', 'in', hashes).execute());
    expect((await blobsFor(village(pathA))).length).toBe(hashes.length);
    expect(await blobsFor(village(pathB))).toEqual([]);
    // Nor can it attach a row to the order, or write content itself.
    await expect(
      withContext(h.deps.db, village(pathB), (tx) =>
        tx
          .insertInto('files')
          .values({
            id: '01900000-0000-7000-8000-000000000001',
            owner_kind: 'work_order',
            owner_id: orderA.id,
            usage: 'photo',
            seq: 99,
            sha256: hashes[0]!,
            content_type: 'image/png',
            bytes: 1,
            filename: 'x.png',
            meta: '{}',
            created_at: new Date(),
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      withContext(h.deps.db, village(pathA), (tx) =>
        tx
          .insertInto('file_blobs')
          .values({ sha256: 'f'.repeat(64), bytes: 0, data: Buffer.alloc(0), created_at: new Date(), touched_at: new Date() })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('over HTTP another village gets 404 for the file, its content and the order’s list; the order’s village gets them', async () => {
    const id = orderA.photos[0]!.id;
    for (const url of [
      `/api/v1/files/${id}`,
      `/api/v1/files/${id}/content`,
      `/api/v1/files?ownerKind=work_order&ownerId=${orderA.id}`,
      `/api/v1/work-orders/${orderA.id}/photos/${id}`,
    ]) {
      const res = await api.get(url, 'village2');
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await api.get(url, 'village')).statusCode, url).toBe(200);
    }
    expect((await api.get(`/api/v1/files/${id}`, 'village2')).json().error.message).toBe('文件不存在或不在您的权限范围内');
    expect((await api.get(`/api/v1/files/${id}`)).statusCode).toBe(401);
    const unknown = await api.get(`/api/v1/files?ownerKind=nothing&ownerId=${orderA.id}`, 'village');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.field).toBe('ownerKind');
  });
});

describe('serving', () => {
  it('a PDF with a Chinese name is an attachment with filename*, its exact type and nosniff', async () => {
    const [meta] = await attach(orderA.id, 'attachment', [{ data: pdf(), filename: '调解协议书（签字版）.png' }]);
    expect(meta).toMatchObject({ filename: '调解协议书（签字版）.pdf', contentType: 'application/pdf', usage: 'attachment' });
    const res = await api.get(`/api/v1/files/${meta!.id}/content`, 'village');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__________.pdf"; filename*=UTF-8''${encodeURIComponent('调解协议书（签字版）.pdf')}`,
    );
    expect(res.rawPayload.equals(pdf())).toBe(true);
    const list = (await api.get(`/api/v1/files?ownerKind=work_order&ownerId=${orderA.id}`, 'village')).json();
    expect(list.items.map((i: { usage: string; seq: number }) => `${i.usage}#${i.seq}`)).toEqual(['attachment#1', 'photo#1', 'photo#2']);
    const one = (await api.get(`/api/v1/files/${meta!.id}`, 'village')).json();
    expect(one).toMatchObject({ id: meta!.id, ownerKind: 'work_order', ownerId: orderA.id, bytes: pdf().length, legalHold: false, retentionUntil: null });
  });
});

describe('the OpenAPI document', () => {
  it('lists the file routes with their schemas', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, { get: { tags: string[] } }> };
    for (const p of ['/api/v1/files', '/api/v1/files/{id}', '/api/v1/files/{id}/content']) expect(doc.paths[p]?.get.tags, p).toEqual(['files']);
  });
});

describe('work-order photos on the file store', () => {
  it('intake stores them (audited), the order lists them, and both routes serve the same bytes inline', async () => {
    expect(orderA.photos.map((p) => p.contentType)).toEqual(['image/png', 'image/png']);
    for (const [i, p] of orderA.photos.entries()) {
      const viaOrder = await api.get(`/api/v1/work-orders/${orderA.id}/photos/${p.id}`, 'village');
      expect(viaOrder.statusCode).toBe(200);
      expect(viaOrder.headers['content-type']).toBe('image/png');
      expect(viaOrder.headers['x-content-type-options']).toBe('nosniff');
      expect(viaOrder.headers['content-disposition']).toBe(`inline; filename="${p.id}.png"`);
      expect(viaOrder.rawPayload.equals(png(i + 1))).toBe(true);
      const viaFiles = await api.get(`/api/v1/files/${p.id}/content`, 'village');
      expect(viaFiles.headers['content-disposition']).toBe(`inline; filename="__${i}.png"; filename*=UTF-8''${encodeURIComponent(`现场${i}.png`)}`);
      expect(viaFiles.rawPayload.equals(viaOrder.rawPayload)).toBe(true);
    }
    const audit = await sys((tx) =>
      tx.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'file.attach').where('target_id', '=', orderA.id).execute(),
    );
    expect(audit[0]!.actor_name).toBe('county');
    expect((audit[0]!.after as { files: unknown[] }).files).toHaveLength(2);
    // On the embedded database new content is in the files folder; on PostgreSQL in file_blobs.data.
    const blobs = await sys((tx) =>
      tx
        .selectFrom('files as f')
        .innerJoin('file_blobs as b', 'b.sha256', 'f.sha256')
        .select(['f.sha256', 'b.data'])
        .where('f.owner_id', '=', orderA.id)
        .where('f.usage', '=', 'photo')
        .execute(),
    );
    const folder = blobWriteFolder(h.config);
    for (const b of blobs) {
      if (folder) {
        expect(b.data).toBeNull();
        expect(fs.existsSync(blobPath(folder, b.sha256))).toBe(true);
      } else {
        expect(b.data).not.toBeNull();
      }
    }
  });

  it('a seventh photo on an order is refused naming the field', async () => {
    const four = [png(20), png(21), png(22), png(23)];
    const prepared = await prepareFiles(
      h.deps,
      { owner: WORK_ORDER_FILES, usage: 'photo', field: 'photos' },
      [...four, png(24)].map((data) => ({ data })),
    );
    await saveBlobs(h.deps, prepared);
    await sys((tx) =>
      attachFiles(tx, h.deps, SYSTEM_ACTOR, { owner: WORK_ORDER_FILES, ownerId: orderA.id, usage: 'photo', field: 'photos' }, prepared.slice(0, 4)),
    );
    const err = await refusal(
      sys((tx) => attachFiles(tx, h.deps, SYSTEM_ACTOR, { owner: WORK_ORDER_FILES, ownerId: orderA.id, usage: 'photo', field: 'photos' }, prepared.slice(4))),
    );
    expect(err.message).toBe('photos: 每个工单最多 6 张照片（已有 6 张）');
  });
});

describe('retention and removal with the owner', () => {
  it('removal is refused while a file is on legal hold or inside its retention period, and nothing is removed', async () => {
    const held = await order('上黄村五组', [png(30)]);
    await sys((tx) =>
      setFileRetention(tx, h.deps, SYSTEM_ACTOR, { owner: WORK_ORDER_FILES, ownerId: held.id, fileId: held.photos[0]!.id }, { legalHold: true }),
    );
    const err = await refusal(sys((tx) => removeOwnerFiles(tx, h.deps, SYSTEM_ACTOR, WORK_ORDER_FILES, held.id)));
    expect(err.code).toBe('CONFLICT');
    expect(err.details.field).toBe('files');
    expect(err.message).toMatch(/^files: 工单的 1 个文件仍须保存，不能随工单删除：现场0\.png（法律保全）/);
    // With the service bypassed the database refuses too.
    await expect(sys((tx) => tx.deleteFrom('files').where('id', '=', held.photos[0]!.id).execute())).rejects.toMatchObject({ code: '23514' });

    const [kept] = await attach(held.id, 'record', [{ data: pdf('存档'), filename: '存档.pdf' }]);
    expect(kept!.retentionUntil).toBe('2026-12-23T09:00:00.000+08:00');
    await sys((tx) =>
      setFileRetention(tx, h.deps, SYSTEM_ACTOR, { owner: WORK_ORDER_FILES, ownerId: held.id, fileId: held.photos[0]!.id }, { legalHold: false }),
    );
    const still = await refusal(sys((tx) => removeOwnerFiles(tx, h.deps, SYSTEM_ACTOR, WORK_ORDER_FILES, held.id)));
    expect(still.message).toContain('存档.pdf（保存至 2026-12-23）');
    expect((await api.get(`/api/v1/files?ownerKind=work_order&ownerId=${held.id}`, 'county')).json().items).toHaveLength(2);
    const audit = await sys((tx) =>
      tx.selectFrom('audit_log').select('after').where('action', '=', 'file.retention').where('target_id', '=', held.photos[0]!.id).orderBy('seq').execute(),
    );
    expect(audit.map((a) => (a.after as { legalHold: boolean }).legalHold)).toEqual([true, false]);
  });

  it('removes an owner’s files with it (audited); the content goes with the sweep a day later, unless another file names it', async () => {
    const shared = png(40);
    const gone = await order('上黄村六组', [shared, png(41)]);
    const other = await order('上黄村七组', [shared]);
    const hashes = await sys((tx) => tx.selectFrom('files').select('sha256').where('owner_id', '=', gone.id).orderBy('seq').execute());
    expect(await sys((tx) => removeOwnerFiles(tx, h.deps, SYSTEM_ACTOR, WORK_ORDER_FILES, gone.id))).toBe(2);
    expect((await api.get(`/api/v1/work-orders/${gone.id}`, 'county')).json().photos).toEqual([]);
    expect((await api.get(`/api/v1/work-orders/${gone.id}/photos/${gone.photos[0]!.id}`, 'county')).statusCode).toBe(404);
    const removal = await sys((tx) =>
      tx.selectFrom('audit_log').select('before').where('action', '=', 'file.remove').where('target_id', '=', gone.id).executeTakeFirstOrThrow(),
    );
    expect((removal.before as { files: unknown[] }).files).toHaveLength(2);

    const exists = async (sha: string) =>
      (await sys((tx) => tx.selectFrom('file_blobs').select('sha256').where('sha256', '=', sha).executeTakeFirst())) !== undefined;
    expect((await sweepFileBlobs(h.deps)).removed).toBe(0); // within the day's grace
    h.clock.advanceMinutes(25 * 60);
    const swept = await sweepFileBlobs(h.deps);
    expect(swept.ran).toBe(true);
    expect(await exists(hashes[1]!.sha256)).toBe(false);
    const folder = blobWriteFolder(h.config);
    if (folder) expect(fs.existsSync(blobPath(folder, hashes[1]!.sha256))).toBe(false);
    // The content another order's photo names stays, and that photo still downloads.
    expect(await exists(hashes[0]!.sha256)).toBe(true);
    await relogin(f);
    const still = await api.get(`/api/v1/work-orders/${other.id}/photos/${other.photos[0]!.id}`, 'county');
    expect(still.statusCode).toBe(200);
    expect(still.rawPayload.equals(shared)).toBe(true);
  });

  it.runIf(process.env.DATABASE_URL)('the sweep stays away while a backup holds its lock', async () => {
    const c = new pg.Client({ connectionString: h.config.databaseUrl });
    await c.connect();
    try {
      await c.query('SELECT pg_advisory_lock_shared($1)', [BLOB_SWEEP_LOCK]);
      expect((await sweepFileBlobs(h.deps)).ran).toBe(false);
      await c.query('SELECT pg_advisory_unlock_shared($1)', [BLOB_SWEEP_LOCK]);
      expect((await sweepFileBlobs(h.deps)).ran).toBe(true);
    } finally {
      await c.end();
    }
  });

  it.runIf(!process.env.DATABASE_URL)('at start the sweep removes old folder files no blob row records, and keeps young ones', async () => {
    const folder = blobWriteFolder(h.config)!;
    const stray = (c: string) => {
      const p = blobPath(folder, c.repeat(64));
      fs.mkdirSync(p.slice(0, p.lastIndexOf('/')), { recursive: true });
      fs.writeFileSync(p, 'left over');
      return p;
    };
    const old = stray('a');
    const young = stray('b');
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    const r = await sweepFileBlobs(h.deps, { walkFolder: true });
    expect(r.strays).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(young)).toBe(true);
    // Files that rows record are never touched by the walk.
    const photo = await sys((tx) => tx.selectFrom('files').select('sha256').where('owner_id', '=', orderB.id).executeTakeFirstOrThrow());
    expect(fs.existsSync(blobPath(folder, photo.sha256))).toBe(true);
  });
});
