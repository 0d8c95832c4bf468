#!/usr/bin/env node
// The `gongzhi` command. It runs the server compiled to dist/ (rebuilt when src/ changed; see
// server-build.mjs); GONGZHI_TSX=1 runs the TypeScript sources through tsx's loader instead.
import { pathToFileURL } from 'node:url';

if (process.env.GONGZHI_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  const { serverEntry } = await import('./server-build.mjs');
  await import(pathToFileURL(await serverEntry()).href);
}
