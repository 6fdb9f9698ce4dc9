/**
 * Dossier's HTTP server: a JSON API under /api (Fastify, every input validated against a JSON schema,
 * documented as OpenAPI 3 at /api/openapi.json) and the workbench, the Vite-built web app, at /.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { InputError } from "../normalize/decode.js";
import type { Stages } from "../pipeline/stages.js";
import type { Repository } from "../store/repository.js";
import { TokenStore } from "../store/tokens.js";
import { authHook } from "./auth.js";
import { ServerData } from "./data.js";
import { registerRoutes } from "./routes.js";

export interface AppOptions {
  repo: Repository;
  /** Reads need a token too. */
  requireTokenForReads?: boolean;
  /** The built workbench; default: dist/web beside the package, when it exists. */
  webRoot?: string | null;
  logger?: boolean;
  /** The extraction stages ingest runs (default: the pipeline's own). */
  stages?: Stages;
  /** Largest accepted request body, bytes. */
  bodyLimit?: number;
}

/** Where `vite build web` puts the workbench, seen from src/server (tsx) or dist/server (built). */
export function defaultWebRoot(): string | null {
  for (const rel of ["../web", "../../dist/web"]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${p}/index.html`)) return p;
  }
  return null;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 20 * 1024 * 1024,
    // Unknown fields are refused, not silently dropped, and types are not coerced: a typo or a number
    // where text belongs is a 400, not a surprise. (Query strings are strings; routes parse numbers.)
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  const tokens = new TokenStore(opts.repo.db);
  const data = new ServerData(opts.repo, opts.stages);

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    if (err.validation) {
      return reply.code(400).send({ statusCode: 400, error: "Bad Request", message: validationMessage(err) });
    }
    if (err instanceof InputError) {
      return reply.code(400).send({ statusCode: 400, error: "Bad Request", message: err.message });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error(err);
    return reply.code(status).send({
      statusCode: status,
      error: status === 500 ? "Internal Server Error" : "Error",
      message: status === 500 ? "internal error" : err.message,
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Dossier API",
        version: "0.1.0",
        description:
          "Documents, entities, mentions, claims, conflicts and merges of a Dossier store. Writes need " +
          "'Authorization: Bearer <token>' (dossier token create); reads are open on localhost unless " +
          "the server runs with --require-token-for-reads.",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
    },
  });

  app.addHook("onRequest", authHook({ tokens, requireTokenForReads: opts.requireTokenForReads ?? false }));
  app.addHook("onSend", async (req, reply, payload) => {
    // The workbench renders untrusted report text: forbid inline script and foreign origins outright.
    if (!(req.url.split("?")[0] ?? "").startsWith("/api")) {
      reply.header(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
    }
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    return payload;
  });

  await app.register(
    async (api) => {
      registerRoutes(api, data);
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: "/api" },
  );

  const webRoot = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, prefix: "/", index: ["index.html"] });
  } else {
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .send("The workbench is not built: run `npm run build:web`. The API is at /api."),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send({ statusCode: 404, error: "Not Found", message: `no route ${req.method} ${req.url}` });
  });
  return app;
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** "body.encoding must be equal to one of the allowed values (utf8, base64)": where, what, and why. */
function validationMessage(err: Error & { validation?: unknown; validationContext?: string }): string {
  const issues = (Array.isArray(err.validation) ? err.validation : []) as ValidationIssue[];
  if (issues.length === 0) return err.message;
  return issues
    .map((i) => {
      const where = `${err.validationContext ?? "request"}${(i.instancePath ?? "").replace(/\//g, ".")}`;
      const p = i.params ?? {};
      if (typeof p.additionalProperty === "string")
        return `${where} has an unknown field '${p.additionalProperty}'`;
      if (typeof p.missingProperty === "string") return `${where} needs the field '${p.missingProperty}'`;
      if (Array.isArray(p.allowedValues)) return `${where} ${i.message} (${p.allowedValues.join(", ")})`;
      return `${where} ${i.message ?? "is not valid"}`;
    })
    .join("; ");
}
