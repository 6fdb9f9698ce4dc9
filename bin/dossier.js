#!/usr/bin/env node
// Runs the compiled CLI (npm ci builds dist/ in its prepare step).
import { main } from "../dist/cli/main.js";

await main();
