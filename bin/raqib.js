#!/usr/bin/env node
// `npx raqib` works right after `npm ci` without a build step: register tsx's loader in this
// process (so signals such as SIGTERM reach the real program) and run the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('../cli.ts');
