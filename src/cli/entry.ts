/** Process entry of the `dossier` command (bin/dossier.js runs the compiled copy of this file). */
import { main } from "./main.js";

// Output piped into `head` or `less` may close early; that is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

await main();
