#!/usr/bin/env node
// quiesce's one entry point; the code is built into dist/bundle/ by `npm ci` (prepare) or `npm run build`.
import '../dist/bundle/bin.js';
