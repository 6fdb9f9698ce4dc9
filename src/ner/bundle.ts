/**
 * The NER model file: both two-pass taggers (news types from CoNLL-2003, CTI types), their
 * gazetteers and the word clusters, in one gzip-compressed binary file.
 *
 * Layout (before gzip): u32 header length, the header as JSON, then the weight blobs in the order
 * the header lists them. Hand-written: a plain container for what LinearModel.serialize gives.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { type FeatureVersion, WordInfo } from "./features.js";
import { GazetteerMatcher } from "./gazetteer.js";
import { LinearModel, type SerializedModel } from "./model.js";
import { TwoPassTagger } from "./tagger.js";

export interface TaggerBundle {
  /** name -> tagger ("news", "cti"). */
  taggers: Record<string, TwoPassTagger>;
  clusters: Map<string, string> | null;
  meta: Record<string, unknown>;
}

type ModelHeader = Omit<SerializedModel, "data"> & { bytes: number };

interface Header {
  version: 1;
  meta: Record<string, unknown>;
  clusters: [string, string][] | null;
  taggers: Record<
    string,
    {
      pass1: ModelHeader;
      pass2: ModelHeader | null;
      /** Feature templates; absent in files written before there were several (1). */
      features?: FeatureVersion;
      gazetteer: ReturnType<GazetteerMatcher["toJSON"]> | null;
    }
  >;
}

export function writeBundle(bundle: TaggerBundle): Buffer {
  const blobs: Uint8Array[] = [];
  const head = (m: LinearModel): ModelHeader => {
    const s = m.serialize();
    blobs.push(s.data);
    return {
      types: s.types,
      decoder: s.decoder,
      bits: s.bits,
      scale: s.scale,
      rows: s.rows,
      bytes: s.data.length,
    };
  };
  const header: Header = {
    version: 1,
    meta: bundle.meta,
    clusters: bundle.clusters ? [...bundle.clusters] : null,
    taggers: {},
  };
  for (const [name, t] of Object.entries(bundle.taggers)) {
    header.taggers[name] = {
      pass1: head(t.pass1),
      pass2: t.pass2 ? head(t.pass2) : null,
      features: t.features,
      gazetteer: t.gazetteer ? t.gazetteer.toJSON() : null,
    };
  }
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  return gzipSync(Buffer.concat([len, json, ...blobs]), { level: 9 });
}

export function readBundle(file: Buffer): TaggerBundle {
  const buf = gunzipSync(file);
  const len = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + len).toString("utf8")) as Header;
  let at = 4 + len;
  const model = (h: ModelHeader): LinearModel => {
    const data = buf.subarray(at, at + h.bytes);
    at += h.bytes;
    return LinearModel.deserialize({ ...h, data });
  };
  const clusters = header.clusters ? new Map(header.clusters) : null;
  const taggers: Record<string, TwoPassTagger> = {};
  // One word cache for every tagger: they read the same words, with the same clusters.
  const words = new WordInfo(clusters);
  for (const [name, t] of Object.entries(header.taggers)) {
    const p1 = model(t.pass1);
    const p2 = t.pass2 ? model(t.pass2) : null;
    taggers[name] = new TwoPassTagger(
      p1,
      p2,
      t.gazetteer ? GazetteerMatcher.fromJSON(t.gazetteer) : null,
      clusters,
      t.features ?? 1,
      words,
    );
  }
  return { taggers, clusters, meta: header.meta };
}
