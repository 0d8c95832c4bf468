#!/usr/bin/env node
// The `gongzhi` command. TypeScript runs through tsx's loader, so there is no separate server build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
