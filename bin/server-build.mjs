// Compiles the server's TypeScript (src/) to JavaScript in dist/ once, and again only when a
// file under src/ has changed: `npm start` then loads plain JavaScript instead of compiling
// every module through tsx at each start. dist/ mirrors src/ at the same depth, so paths the
// code resolves from its own location (db/migrations, web/, the corpus and the taxonomy beside
// it) are the same from either. Tests and development keep running the sources through tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');
const outDir = path.join(root, 'dist');
const stampFile = path.join(outDir, '.source-stamp');

/** Every file under src/ except tests, with the newest change time: the build is current when both match. */
function sources() {
  const files = [];
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) {
        files.push(p);
        newest = Math.max(newest, fs.statSync(p).mtimeMs);
      }
    }
  };
  walk(srcDir);
  return { files, stamp: `${files.length}:${newest}` };
}

/** The compiled entry point, built first when the sources changed since the last build. */
export async function serverEntry(entry = 'cli/main.js') {
  const { files, stamp } = sources();
  const current = fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
  if (!current) {
    const started = performance.now();
    // Built beside dist/ and moved in whole: a second process starting at the same moment never loads half a build.
    const tmp = `${outDir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const { build } = await import('esbuild');
    await build({
      entryPoints: files.filter((f) => f.endsWith('.ts')),
      outdir: tmp,
      outbase: srcDir,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    for (const f of files.filter((f) => !f.endsWith('.ts'))) {
      const to = path.join(tmp, path.relative(srcDir, f));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(f, to);
    }
    fs.writeFileSync(path.join(tmp, '.source-stamp'), stamp);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(tmp, outDir);
    process.stderr.write(`编译服务器代码 ${files.length} 个文件 ${Math.round(performance.now() - started)} ms → dist/\n`);
  }
  return path.join(outDir, entry);
}
