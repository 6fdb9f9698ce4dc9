/** Process entry of the `dossier` command (bin/dossier.js runs the compiled copy of this file). */
import { main } from "./main.js";

await main();
