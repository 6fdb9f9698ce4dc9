/**
 * API tokens for writes over HTTP (and, when configured, reads). A token is 32 random bytes shown once
 * at creation; the store keeps only its SHA-256 hash, so a copy of the database does not leak tokens.
 * The table is this module's own (migration 0003_api_tokens), typed here rather than in schema.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Db } from "./connect.js";

interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface TokenSchema {
  api_tokens: ApiTokensTable;
}

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Tokens look like `dsk_<43 base64url chars>`: the prefix makes a leaked one easy to recognise. */
export const TOKEN_PREFIX = "dsk_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export class TokenStore {
  private readonly db: Kysely<TokenSchema>;

  constructor(db: Db) {
    this.db = db as unknown as Kysely<TokenSchema>;
  }

  /** Creates a token; the returned secret is the only copy there will ever be. */
  async create(name = "default", now = new Date()): Promise<{ id: string; name: string; token: string }> {
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const id = `t${randomBytes(6).toString("hex")}`;
    await this.db
      .insertInto("api_tokens")
      .values({
        id,
        name,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { id, name, token };
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** Revokes a token by id; false when there is no such live token. */
  async revoke(id: string, now = new Date()): Promise<boolean> {
    const res = await this.db
      .updateTable("api_tokens")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** The live token a secret belongs to, or null. Records when it was last used. */
  async verify(token: string, now = new Date()): Promise<TokenInfo | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const hash = hashToken(token);
    const row = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("token_hash", "=", hash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    // The lookup is by hash, so timing says nothing about the secret; compare again to be explicit.
    if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return null;
    await this.db
      .updateTable("api_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      lastUsedAt: now.toISOString(),
      revokedAt: null,
    };
  }
}
