/**
 * The API's routes with their JSON schemas. Input schemas are enforced (a bad request is a 400 naming
 * the field); response schemas are descriptive only (they feed the OpenAPI document), so that fields
 * added by later stages pass through unchanged.
 */
import type { FastifyInstance } from "fastify";
import { InputError } from "../normalize/decode.js";
import { formatOf, normalizeInput } from "../normalize/index.js";
import { analyze } from "../pipeline/analyze.js";
import { MergeError, type ServerData } from "./data.js";

const idParam = {
  type: "object",
  required: ["id"],
  additionalProperties: false,
  properties: { id: { type: "string", minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_:.-]+$" } },
} as const;

const optionalNote = {
  type: "object",
  properties: {
    available: {
      type: "boolean",
      description: "false when the store cannot yet produce this kind of data (stage not built)",
    },
    items: { type: "array", items: { type: "object", additionalProperties: true } },
    total: { type: "integer", description: "how many there are in all, when items is one page of them" },
  },
} as const;

const documentRow = {
  type: "object",
  properties: {
    id: { type: "string" },
    title: { type: ["string", "null"] },
    source: { type: "string" },
    author: { type: ["string", "null"] },
    publisher: { type: ["string", "null"] },
    published: { type: ["string", "null"] },
  },
} as const;

const errorBody = {
  type: "object",
  properties: { statusCode: { type: "integer" }, error: { type: "string" }, message: { type: "string" } },
} as const;

const security = [{ bearer: [] }];

/** Query-string fields of a paged list: limit (1 to 10000) and offset. */
const PAGE_PROPERTIES = {
  limit: { type: "string", pattern: "^(?:[1-9][0-9]{0,3}|10000)$", description: "1 to 10000" },
  offset: { type: "string", pattern: "^(?:0|[1-9][0-9]{0,8})$", description: "default 0" },
} as const;

export interface IngestBody {
  text?: string;
  title?: string;
  published?: string;
  source?: string;
  publisher?: string;
  filename?: string;
  content?: string;
  encoding?: "utf8" | "base64";
}

export function registerRoutes(api: FastifyInstance, data: ServerData): void {
  api.get(
    "/documents",
    {
      schema: {
        tags: ["documents"],
        summary: "All documents, in ingest order",
        response: { 200: { type: "array", items: documentRow } },
      },
    },
    async () => data.listDocuments(),
  );

  api.get<{ Params: { id: string } }>(
    "/documents/:id",
    {
      schema: {
        tags: ["documents"],
        summary: "One document (by id or unique id prefix): text, metadata, boilerplate spans and mentions",
        params: idParam,
        response: { 404: errorBody },
      },
    },
    async (req, reply) => {
      const doc = await data.getDocument(req.params.id);
      if (!doc)
        return reply
          .code(404)
          .send({ statusCode: 404, error: "Not Found", message: `no document ${req.params.id}` });
      return doc;
    },
  );

  api.post<{ Body: IngestBody }>(
    "/documents",
    {
      schema: {
        tags: ["documents"],
        summary:
          "Ingest a report: pasted text ({text, title?, published?, source?}) or a file ({filename, content})",
        security,
        body: {
          type: "object",
          additionalProperties: false,
          properties: {
            text: {
              type: "string",
              minLength: 1,
              description: "pasted report text (plain text or Markdown)",
            },
            title: { type: "string", maxLength: 500 },
            published: { type: "string", maxLength: 40, description: "publication date, e.g. 2018-09-07" },
            publisher: { type: "string", maxLength: 200 },
            source: { type: "string", maxLength: 500, description: "where it came from (URL or name)" },
            filename: { type: "string", minLength: 1, maxLength: 500, description: "uploaded file's name" },
            content: { type: "string", description: "uploaded file's content" },
            encoding: { type: "string", enum: ["utf8", "base64"], description: "of content; default utf8" },
          },
        },
        response: {
          200: {
            description: "the same text was already stored",
            type: "object",
            properties: {
              status: { type: "string" },
              id: { type: "string" },
              title: { type: ["string", "null"] },
            },
          },
          201: {
            description: "ingested",
            type: "object",
            properties: {
              status: { type: "string" },
              id: { type: "string" },
              title: { type: ["string", "null"] },
            },
          },
          400: errorBody,
          401: errorBody,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const paste = b.text !== undefined;
      const file = b.filename !== undefined || b.content !== undefined;
      if (paste === file || (file && (b.filename === undefined || b.content === undefined))) {
        throw new InputError(
          "body must have either text (a pasted report) or filename and content (an uploaded file)",
        );
      }
      const upload = b.text === undefined;
      const bytes = upload
        ? b.encoding === "base64"
          ? new Uint8Array(Buffer.from(b.content!, "base64"))
          : new TextEncoder().encode(b.content!)
        : new TextEncoder().encode(b.text!);
      const source =
        b.source ?? (upload ? `upload:${b.filename}` : `paste:${(b.title ?? "untitled").slice(0, 80)}`);
      // A paste is plain text or Markdown; an upload's format follows its file name and first bytes.
      const format = upload ? formatOf(b.filename!, new TextDecoder().decode(bytes.slice(0, 512))) : "text";
      const normalized = normalizeInput({
        source,
        bytes,
        format,
        published: b.published,
        publisher: b.publisher,
      });
      if (b.title) normalized.meta.title = b.title;
      // A paste is recorded under its title, which the text itself may give.
      if (!b.source && !upload)
        normalized.source = `paste:${(normalized.meta.title ?? "untitled").slice(0, 80)}`;
      const saved = await data.repo.saveDocument(analyze(normalized, data.stages));
      return reply
        .code(saved.status === "ingested" ? 201 : 200)
        .send({ status: saved.status, id: saved.id, title: normalized.meta.title });
    },
  );

  api.get<{ Querystring: { q: string; limit?: string } }>(
    "/search",
    {
      schema: {
        tags: ["search"],
        summary: "Full-text search over sentences",
        querystring: {
          type: "object",
          required: ["q"],
          additionalProperties: false,
          properties: {
            q: { type: "string", minLength: 1, maxLength: 500 },
            limit: {
              type: "string",
              pattern: "^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)$",
              description: "1 to 200; default 20",
            },
          },
        },
      },
    },
    async (req) => data.search(req.query.q, req.query.limit ? Number(req.query.limit) : 20),
  );

  api.get<{ Querystring: { type?: string } }>(
    "/entities",
    {
      schema: {
        tags: ["entities"],
        summary: "Entities (and normalized values) with aliases, documents and mention counts",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { type: { type: "string", pattern: "^[a-z-]{2,30}$" } },
        },
      },
    },
    async (req) => data.listEntities(req.query.type),
  );

  api.get<{ Params: { id: string }; Querystring: { limit?: string; offset?: string } }>(
    "/entities/:id",
    {
      schema: {
        tags: ["entities"],
        summary:
          "One entity's dossier: aliases with provenance, documents, mentions, places with coordinates, neighbours, claims. Documents (with their mentions) come a page at a time: limit (default 100) from offset; documentCount is the total",
        params: idParam,
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            limit: {
              type: "string",
              pattern: "^(?:[1-9][0-9]{0,2}|1000)$",
              description: "documents per page, 1 to 1000; default 100",
            },
            offset: { type: "string", pattern: "^(?:0|[1-9][0-9]{0,8})$", description: "default 0" },
          },
        },
        response: { 404: errorBody },
      },
    },
    async (req, reply) => {
      const e = await data.entity(req.params.id, {
        limit: req.query.limit ? Number(req.query.limit) : undefined,
        offset: req.query.offset ? Number(req.query.offset) : undefined,
      });
      if (!e)
        return reply
          .code(404)
          .send({ statusCode: 404, error: "Not Found", message: `no entity ${req.params.id}` });
      return e;
    },
  );

  api.get<{ Querystring: { document?: string } }>(
    "/mentions",
    {
      schema: {
        tags: ["entities"],
        summary: "Every mention, or a document's mentions",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { document: { type: "string", pattern: "^[A-Za-z0-9]{1,64}$" } },
        },
      },
    },
    async (req) => data.mentions(req.query.document),
  );

  api.get(
    "/places",
    { schema: { tags: ["entities"], summary: "Countries and locations with coordinates, for the map" } },
    async () => data.places(),
  );

  api.get<{
    Querystring: { entity?: string; document?: string; ids?: string; limit?: string; offset?: string };
  }>(
    "/claims",
    {
      schema: {
        tags: ["claims"],
        summary:
          "Claims (spec JSON form), by entity and/or document; available=false until claims are extracted. With limit, one page of them (from offset) and their total",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            entity: { type: "string", pattern: "^[A-Za-z0-9_:.-]{1,200}$" },
            document: { type: "string", pattern: "^[A-Za-z0-9]{1,64}$" },
            ids: {
              type: "string",
              maxLength: 20000,
              pattern: "^[A-Za-z0-9_:.-]{1,100}(?:,[A-Za-z0-9_:.-]{1,100}){0,499}$",
              description: "only these claims: up to 500 ids, comma-separated",
            },
            ...PAGE_PROPERTIES,
          },
        },
        response: { 200: optionalNote },
      },
    },
    async (req) =>
      data.claims({
        entity: req.query.entity,
        document: req.query.document,
        ids: req.query.ids?.split(","),
        limit: req.query.limit ? Number(req.query.limit) : undefined,
        offset: req.query.offset ? Number(req.query.offset) : undefined,
      }),
  );

  api.get<{ Querystring: { limit?: string; offset?: string } }>(
    "/conflicts",
    {
      schema: {
        tags: ["claims"],
        summary: "Conflicts between claims. With limit, one page of them (from offset) and their total",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            ...PAGE_PROPERTIES,
          },
        },
        response: { 200: optionalNote },
      },
    },
    async (req) =>
      data.conflicts({
        limit: req.query.limit ? Number(req.query.limit) : undefined,
        offset: req.query.offset ? Number(req.query.offset) : undefined,
      }),
  );
  api.get(
    "/propositions",
    {
      schema: {
        tags: ["claims"],
        summary: "Claims grouped by proposition, with grades and independent sources",
        response: { 200: optionalNote },
      },
    },
    async () => data.propositions(),
  );
  api.get(
    "/ach",
    {
      schema: {
        tags: ["claims"],
        summary: "Analysis of competing hypotheses: hypotheses × evidence matrix",
        response: {
          200: { type: "object", properties: { available: { type: "boolean" }, matrix: {} } },
        },
      },
    },
    async () => data.ach(),
  );
  api.get(
    "/merges",
    { schema: { tags: ["merges"], summary: "Entity merge suggestions", response: { 200: optionalNote } } },
    async () => data.merges(),
  );

  for (const action of ["accept", "reject"] as const) {
    api.post<{ Params: { id: string } }>(
      `/merges/:id/${action}`,
      {
        schema: {
          tags: ["merges"],
          summary: `${action === "accept" ? "Accept" : "Reject"} a merge suggestion`,
          security,
          params: idParam,
          response: { 401: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (req, reply) => mergeAction(data, action, req.params.id, actorOf(req), reply),
    );
  }
  api.post<{ Params: { id: string } }>(
    "/merges/undo/:id",
    {
      schema: {
        tags: ["merges"],
        summary: "Undo an accepted merge by its merge id",
        security,
        params: idParam,
        response: { 401: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => mergeAction(data, "undo", req.params.id, actorOf(req), reply),
  );
}

/** Who decided: the name of the API token the request carried. */
function actorOf(req: import("fastify").FastifyRequest): string {
  const t = (req as { apiToken?: { name: string; id: string } | null }).apiToken;
  return t ? `api:${t.name}` : "api";
}

async function mergeAction(
  data: ServerData,
  action: "accept" | "reject" | "undo",
  id: string,
  actor: string,
  reply: import("fastify").FastifyReply,
) {
  try {
    const result = await data.mergeAction(action, id, actor);
    return { ok: true, action, id, result };
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (err instanceof MergeError || status === 404 || status === 409) {
      const code =
        status ?? (/^no (merge|suggestion|merge suggestion) /.test((err as Error).message) ? 404 : 409);
      return reply.code(code).send({
        statusCode: code,
        error: code === 404 ? "Not Found" : "Conflict",
        message: (err as Error).message,
      });
    }
    throw err;
  }
}
