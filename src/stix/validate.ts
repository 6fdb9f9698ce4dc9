/**
 * Validate STIX 2.1 objects and bundles against the OASIS JSON schemas (cti-stix2-json-schemas),
 * plus the checks those schemas cannot make.
 *
 * The schemas are read at run time from a directory (never copied into the repository), every file
 * under it is added to one Ajv 2020-12 instance with ajv-formats, and each object is validated with
 * the schema whose `type` enum names its type (sdos/, sros/, observables/, and common/ for
 * extension-definition, marking-definition and language-content). Unknown (custom) types are checked
 * against common/core.json, or common/cyber-observable-core.json when they have no `created`.
 *
 * Two deliberate departures from "validate the bundle with bundle.json":
 * - the bundle is checked as an envelope (type, id, a non-empty list of objects) and each object on
 *   its own, which gives errors that name the object; bundle.json's catch-all branch for
 *   non-listed types is a `oneOf` of core and cyber-observable-core, which an extension-definition
 *   satisfies both of, so bundle.json rejects every bundle that carries one (measured on this snapshot);
 * - the schemas' regular expressions use `\-`, which JavaScript rejects in unicode mode, so Ajv runs
 *   with `unicodeRegExp: false`.
 *
 * Extra checks in `validateBundle` (the schema README lists them as out of reach): the id prefix
 * matches the type, modified >= created, no duplicate ids, every `*_ref(s)` and every
 * `extension-definition--` key resolves inside the bundle, and STIX patterns parse.
 *
 * Creating a validator compiles the schemas (a few hundred milliseconds): create it once and reuse it;
 * `validateBundle` caches one per schema directory.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { domainToASCII } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import _Ajv2020 from "ajv/dist/2020.js";
import _addFormats from "ajv-formats";
import { collectRefs } from "./objects.js";
import { parsePattern } from "./pattern.js";

const Ajv2020 = _Ajv2020.default;
const addFormats = _addFormats.default;

/** Where the CLI looks for the schemas by default, relative to the repository. */
export const DEFAULT_SCHEMA_DIR = "../shared/data/stix2-json-schemas/schemas";

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

export interface StixValidator {
  /** Validate one STIX object (or, for a bundle, its envelope) against the schema for its type. */
  (obj: unknown): ValidationResult;
  /** The schema `$id` used for a type; undefined for custom types. */
  schemaFor(type: string): string | undefined;
  /** The types the schema directory defines. */
  readonly types: readonly string[];
}

export interface ObjectErrors {
  /** The object's id, "bundle" for envelope errors, or `objects[i]` when the object has no id. */
  objectId: string;
  errors: string[];
}

export interface BundleCheckOptions {
  /** Require every reference to resolve inside the bundle (default true). */
  resolveRefs?: boolean;
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (name.endsWith(".json")) out.push(p);
  }
  return out;
}

/** The single value of the schema's `type` property enum, at top level or inside `allOf`. */
function definedType(schema: Record<string, unknown>): string | undefined {
  const parts = [schema, ...((schema.allOf as Record<string, unknown>[] | undefined) ?? [])];
  for (const p of parts) {
    const en = (p?.properties as Record<string, { enum?: unknown[] }> | undefined)?.type?.enum;
    if (Array.isArray(en) && en.length === 1 && typeof en[0] === "string") return en[0];
  }
  return undefined;
}

/** JSON Schema "idn-hostname" (ajv-formats has none): IDNA to ASCII, then RFC 1123 label rules. */
function isIdnHostname(s: string): boolean {
  if (!s || s.length > 253 || /[\s/:@]/.test(s)) return false;
  const ascii = domainToASCII(s.replace(/\.$/, ""));
  if (!ascii || ascii.length > 253) return false;
  return ascii.split(".").every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
}

function formatError(e: ErrorObject): string {
  const where = e.instancePath || "/";
  const p = e.params as Record<string, unknown>;
  let detail = "";
  if (e.keyword === "additionalProperties") detail = ` (${String(p.additionalProperty)})`;
  else if (e.keyword === "enum") detail = ` (${JSON.stringify(p.allowedValues)})`;
  else if (e.keyword === "propertyNames") detail = ` (${String(p.propertyName)})`;
  else if (e.keyword === "oneOf" && Array.isArray(p.passingSchemas))
    detail = ` (matches ${p.passingSchemas.length})`;
  let schemaPath = e.schemaPath;
  try {
    schemaPath = decodeURIComponent(schemaPath);
  } catch {
    // keep Ajv's encoded form
  }
  return `${where}: ${e.message ?? e.keyword}${detail} [${schemaPath}]`;
}

function resultOf(fn: ValidateFunction, obj: unknown): ValidationResult {
  if (fn(obj)) return { valid: true, errors: [] };
  return { valid: false, errors: [...new Set((fn.errors ?? []).map(formatError))] };
}

/** Load every schema under `schemaDir` and return a reusable validator. */
export function createValidator(schemaDir: string): StixValidator {
  const files = listJson(schemaDir);
  if (files.length === 0) throw new Error(`no JSON schemas under ${schemaDir}`);
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat("idn-hostname", { type: "string", validate: isIdnHostname });

  const byType = new Map<string, string>();
  let coreId: string | undefined;
  let scoCoreId: string | undefined;
  let bundleId: string | undefined;
  for (const f of files) {
    const schema = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
    const id = schema.$id;
    if (typeof id !== "string") continue;
    ajv.addSchema(schema);
    if (id.endsWith("/common/core.json")) coreId = id;
    else if (id.endsWith("/common/cyber-observable-core.json")) scoCoreId = id;
    const type = definedType(schema);
    if (type === "bundle") bundleId = id;
    else if (type && !byType.has(type)) byType.set(type, id);
  }
  if (!coreId || !scoCoreId)
    throw new Error(`${schemaDir} lacks common/core.json or common/cyber-observable-core.json`);

  const envelope = bundleId
    ? {
        type: "object",
        required: ["type", "id", "objects"],
        properties: {
          type: { $ref: `${bundleId}#/properties/type` },
          id: { $ref: `${bundleId}#/properties/id` },
          objects: { type: "array", minItems: 1, items: { type: "object", required: ["type", "id"] } },
        },
      }
    : {
        type: "object",
        required: ["type", "id", "objects"],
        properties: { type: { const: "bundle" }, objects: { type: "array", minItems: 1 } },
      };

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, make: () => ValidateFunction): ValidateFunction => {
    let fn = compiled.get(key);
    if (!fn) {
      fn = make();
      compiled.set(key, fn);
    }
    return fn;
  };
  const byId = (id: string) => () => {
    const fn = ajv.getSchema(id);
    if (!fn) throw new Error(`schema ${id} did not compile`);
    return fn;
  };

  const validate = (obj: unknown): ValidationResult => {
    if (!obj || typeof obj !== "object" || Array.isArray(obj))
      return { valid: false, errors: ["/: a STIX object must be a JSON object"] };
    const type = (obj as { type?: unknown }).type;
    if (typeof type !== "string") return { valid: false, errors: ["/type: missing or not a string"] };
    if (type === "bundle")
      return resultOf(
        compile("bundle", () => ajv.compile(envelope)),
        obj,
      );
    const id = byType.get(type);
    if (id) return resultOf(compile(id, byId(id)), obj);
    // A custom type: only the common rules apply.
    const core = "created" in obj ? coreId : scoCoreId;
    return resultOf(compile(core as string, byId(core as string)), obj);
  };
  return Object.assign(validate, {
    schemaFor: (type: string) => byType.get(type),
    types: [...byType.keys()].sort(),
  });
}

const validators = new Map<string, StixValidator>();

/** The cached validator for a schema directory. */
export function getValidator(schemaDir: string): StixValidator {
  const key = resolve(schemaDir);
  let v = validators.get(key);
  if (!v) {
    v = createValidator(key);
    validators.set(key, v);
  }
  return v;
}

/**
 * Validate a bundle: its envelope, every object against its schema, and the cross-object rules.
 * Returns one entry per object with problems; an empty list means valid.
 */
export function validateBundle(
  bundle: unknown,
  schemaDirOrValidator: string | StixValidator,
  options: BundleCheckOptions = {},
): ObjectErrors[] {
  const validator =
    typeof schemaDirOrValidator === "string" ? getValidator(schemaDirOrValidator) : schemaDirOrValidator;
  const problems = new Map<string, string[]>();
  const report = (objectId: string, errors: string[]) => {
    if (errors.length) problems.set(objectId, [...(problems.get(objectId) ?? []), ...errors]);
  };

  const env = validator(bundle);
  report("bundle", env.errors);
  const objects = (bundle as { objects?: unknown })?.objects;
  if (!Array.isArray(objects)) return [...problems].map(([objectId, errors]) => ({ objectId, errors }));

  const ids = new Map<string, string>();
  objects.forEach((o, i) => {
    const id = typeof o?.id === "string" ? (o.id as string) : `objects[${i}]`;
    if (typeof o?.id === "string") {
      if (ids.has(o.id) && ids.get(o.id) === String(o.modified))
        report(id, [`/id: duplicate of objects[${i}]`]);
      ids.set(o.id, String(o.modified));
    }
  });

  objects.forEach((o: Record<string, unknown>, i) => {
    const id = typeof o?.id === "string" ? o.id : `objects[${i}]`;
    const errors = [...validator(o).errors];
    if (o && typeof o === "object") {
      if (typeof o.type === "string" && typeof o.id === "string" && !o.id.startsWith(`${o.type}--`))
        errors.push(`/id: spec: must start with "${o.type}--"`);
      if (
        typeof o.created === "string" &&
        typeof o.modified === "string" &&
        Date.parse(o.modified) < Date.parse(o.created)
      )
        errors.push("/modified: spec: must not be earlier than created");
      if (o.type === "indicator" && o.pattern_type === "stix" && typeof o.pattern === "string") {
        const parsed = parsePattern(o.pattern);
        if (!parsed.ok) errors.push(`/pattern: spec: not a valid STIX pattern: ${parsed.error}`);
      }
      if (options.resolveRefs !== false) {
        for (const { path, ref } of collectRefs(o))
          if (!ids.has(ref)) errors.push(`${path}: spec: ${ref} is not in the bundle`);
        const exts = o.extensions;
        if (exts && typeof exts === "object")
          for (const k of Object.keys(exts))
            if (k.startsWith("extension-definition--") && !ids.has(k))
              errors.push(`/extensions/${k}: spec: extension definition is not in the bundle`);
      }
    }
    report(id, errors);
  });
  return [...problems].map(([objectId, errors]) => ({ objectId, errors }));
}
