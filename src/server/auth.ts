/**
 * Bearer-token auth for the HTTP API. Writes (POST, PUT, PATCH, DELETE) always need a live token made
 * with `dossier token create`; reads need one only when the server is told so (by default, when it
 * listens on anything other than a loopback address). Static workbench files are never protected:
 * they hold no data, and the page asks for the token itself.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { TokenStore } from "../store/tokens.js";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AuthOptions {
  tokens: TokenStore;
  requireTokenForReads: boolean;
}

/** The bearer token of a request, or null. */
export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== "string") return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function authHook(opts: AuthOptions) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = req.url.split("?")[0] ?? "";
    if (!path.startsWith("/api/") && path !== "/api") return;
    if (path === "/api/openapi.json") return;
    const isWrite = WRITE_METHODS.has(req.method);
    if (!isWrite && !opts.requireTokenForReads) return;
    const token = bearer(req);
    const info = token ? await opts.tokens.verify(token) : null;
    (req as { apiToken?: { id: string; name: string } | null }).apiToken = info
      ? { id: info.id, name: info.name }
      : null;
    if (!info) {
      await reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="dossier"')
        .send({
          statusCode: 401,
          error: "Unauthorized",
          message: token
            ? "the API token is not valid or was revoked"
            : `${isWrite ? "writes" : "reads"} need an API token: send 'Authorization: Bearer <token>' (create one with: dossier token create)`,
        });
    }
  };
}
