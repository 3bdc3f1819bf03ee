#!/usr/bin/env node
// quiesce's one entry point; the code is built into dist/ by `npm ci` (prepare) or `npm run build`.
import '../dist/cli/bin.js';
