/**
 * What the user named on the command line, expanded into readable sources: files, folders (walked
 * recursively for .txt, .md and .html files) and "-" for standard input. A path that cannot be read
 * becomes a failed item, so one bad path never stops a batch.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { DEFAULT_MAX_BYTES, formatSize, InputError } from "../normalize/decode.js";

export const INGESTIBLE_EXTENSIONS = new Set([".txt", ".text", ".md", ".markdown", ".html", ".htm"]);

export interface SourceItem {
  source: string;
  read(): Promise<Uint8Array>;
}

export interface FailedItem {
  source: string;
  reason: string;
}

export async function expandSources(
  paths: string[],
  opts: { maxBytes?: number; stdin?: NodeJS.ReadableStream } = {},
): Promise<{ items: SourceItem[]; failed: FailedItem[] }> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const items: SourceItem[] = [];
  const failed: FailedItem[] = [];
  for (const p of paths) {
    if (p === "-") {
      items.push({ source: "-", read: () => readStream(opts.stdin ?? process.stdin, maxBytes) });
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      failed.push({
        source: p,
        reason: code === "ENOENT" ? "no such file or directory" : (err as Error).message,
      });
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await walk(p)) items.push(fileItem(file, maxBytes));
    } else if (info.isFile()) {
      items.push(fileItem(p, maxBytes));
    } else {
      failed.push({ source: p, reason: "not a regular file or folder" });
    }
  }
  return { items, failed };
}

function fileItem(path: string, maxBytes: number): SourceItem {
  return {
    source: path,
    async read() {
      // Check the size before reading, so a huge file is refused without being loaded.
      const { size } = await stat(path);
      if (size > maxBytes) {
        throw new InputError(`file too large: ${formatSize(size)} exceeds the ${formatSize(maxBytes)} limit`);
      }
      return readFile(path);
    },
  };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && INGESTIBLE_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(full);
  }
  return out;
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) throw new InputError(`input too large: exceeds the ${formatSize(maxBytes)} limit`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function displayPath(p: string): string {
  return p === "-" ? "-" : resolve(p);
}
