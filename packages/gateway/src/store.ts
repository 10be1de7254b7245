// The gateway's few reads (and one write) as plain SQL on the database's raw connection (`db.sql`,
// PostgreSQL or PGlite), not through Prisma: a gateway process then never starts Prisma's query
// compiler (WebAssembly, about 60 MB of resident memory). Results are cached by the callers.
// Timestamps are read as ISO text (the columns are `timestamp(3)` holding UTC, which a driver
// would otherwise read in the process's time zone) and decimals as text.
import type { SqlDatabase } from "@switchyard/db";
import { toPriceOverride, type PriceOverride } from "@switchyard/catalog";
import { Decimal } from "decimal.js";

const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const dateOf = (text: string | null): Date | null => (text === null ? null : new Date(text));
/** A decimal column read as text, in its shortest form ("0.050000" → "0.05"), as Prisma's Decimal prints it. */
const decimalText = (text: string | null): string | null => (text === null ? null : new Decimal(text).toString());

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  organizationId: string;
  projectId: string;
  secretHash: string;
  status: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  projectMode: "credits" | "byok" | "hybrid";
  allowCreditsFallback: boolean;
  projectArchived: boolean;
  /** The organization's BYOK markup override, or null. */
  byokMarkupRate: string | null;
}

export async function findApiKey(sql: SqlDatabase, id: string): Promise<ApiKeyRow | undefined> {
  const rows = await sql.session((s) =>
    s.query<Omit<ApiKeyRow, "expiresAt" | "lastUsedAt"> & { expiresAt: string | null; lastUsedAt: string | null }>(
      `SELECT k.id, k.name, k.prefix, k."organizationId", k."projectId", k."secretHash", k.status::text AS status,
              ${iso('k."expiresAt"')} AS "expiresAt", ${iso('k."lastUsedAt"')} AS "lastUsedAt",
              p.mode::text AS "projectMode", p."allowCreditsFallback", p."archivedAt" IS NOT NULL AS "projectArchived",
              o."byokMarkupRate"::text AS "byokMarkupRate"
         FROM "ApiKey" k JOIN "Project" p ON p.id = k."projectId" JOIN "Organization" o ON o.id = k."organizationId"
        WHERE k.id = $1`,
      [id],
    ),
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return { ...row, expiresAt: dateOf(row.expiresAt), lastUsedAt: dateOf(row.lastUsedAt), byokMarkupRate: decimalText(row.byokMarkupRate) };
}

export async function touchApiKey(sql: SqlDatabase, id: string, at: Date): Promise<void> {
  // ISO text with "Z" into timestamp(3): the zone is dropped and the UTC wall time kept, as Prisma stores it.
  await sql.session((s) => s.query(`UPDATE "ApiKey" SET "lastUsedAt" = $1::timestamp(3) WHERE id = $2`, [at.toISOString(), id]));
}

export interface ProviderKeyRow {
  id: string;
  providerId: string;
  ciphertext: Uint8Array;
  wrappedDataKey: Uint8Array;
  masterKeyVersion: number;
  config: unknown;
}

/** The organization's active keys of one kind (model or web_search). */
export async function activeProviderKeys(sql: SqlDatabase, organizationId: string, kind: "model" | "web_search"): Promise<ProviderKeyRow[]> {
  return sql.session((s) =>
    s.query<ProviderKeyRow>(
      `SELECT id, "providerId", ciphertext, "wrappedDataKey", "masterKeyVersion", config
         FROM "ProviderKey" WHERE "organizationId" = $1 AND status = 'active' AND kind = $2::"ProviderKeyKind"`,
      [organizationId, kind],
    ),
  );
}

/** Whether the organization's credit balance is above zero (false without a balance row). */
export async function hasPositiveBalance(sql: SqlDatabase, organizationId: string): Promise<boolean> {
  const rows = await sql.session((s) => s.query<{ positive: boolean }>(`SELECT balance > 0 AS positive FROM "CreditBalance" WHERE "organizationId" = $1`, [organizationId]));
  return rows[0]?.positive === true;
}

export interface CustomProviderRow {
  slug: string;
  name: string;
  baseUrl: string;
}

export async function customProvidersOf(sql: SqlDatabase, organizationId: string): Promise<CustomProviderRow[]> {
  return sql.session((s) => s.query<CustomProviderRow>(`SELECT slug, name, "baseUrl" FROM "CustomProvider" WHERE "organizationId" = $1`, [organizationId]));
}

/** Every operator price override (a small table). */
export async function allPriceOverrides(sql: SqlDatabase): Promise<PriceOverride[]> {
  type Row = Omit<PriceOverride, "effectiveFrom"> & { effectiveFrom: string };
  const rows = await sql.session((s) =>
    s.query<Row>(
      `SELECT id, "providerId", model, ${iso('"effectiveFrom"')} AS "effectiveFrom",
              "inputPerMTok"::text AS "inputPerMTok", "outputPerMTok"::text AS "outputPerMTok",
              "cachedInputPerMTok"::text AS "cachedInputPerMTok", "reasoningPerMTok"::text AS "reasoningPerMTok",
              "perRequest"::text AS "perRequest"
         FROM "ModelPriceOverride"`,
    ),
  );
  const decimal = (text: string | null) => (text === null ? null : new Decimal(text));
  return rows.map((row) =>
    toPriceOverride({
      ...row,
      effectiveFrom: new Date(row.effectiveFrom),
      inputPerMTok: decimal(row.inputPerMTok),
      outputPerMTok: decimal(row.outputPerMTok),
      cachedInputPerMTok: decimal(row.cachedInputPerMTok),
      reasoningPerMTok: decimal(row.reasoningPerMTok),
      perRequest: decimal(row.perRequest),
    }),
  );
}
