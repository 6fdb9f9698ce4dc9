#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds dist/ in the package's prepare step.
import "../dist/cli/entry.js";
