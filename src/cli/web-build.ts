import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIR, WEB_DIST } from '../platform/http/app.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its bundle (web/dist) is missing or older than its sources (npm start on a fresh clone). */
export function ensureWebBuilt(): void {
  const webDir = WEB_DIR;
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(webDir, 'src')), fs.statSync(path.join(webDir, 'index.html')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  console.error('正在构建网页端（首次启动约需一分钟）…');
  const vite = path.resolve(webDir, '../node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('网页端构建失败（见上方输出）');
}
