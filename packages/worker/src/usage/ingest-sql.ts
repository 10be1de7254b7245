// The whole billing of a batch as one SQL statement (so one round trip and its own atomic
// transaction): the events arrive as one JSON array; those whose request id is new are inserted,
// and only those (RETURNING) are debited in the ledger and the balances and added to the hourly
// and daily rollups. A request id already there, or being inserted by a concurrent transaction
// that then commits, is skipped by ON CONFLICT DO NOTHING, so every event is billed exactly once.
// Amounts are rounded to the columns' scale first, so balances and rollups add up the very values
// the events and ledger store. Times are UTC wall-clock, as Prisma writes them. Rollup rows are
// upserted in key order, so concurrent batches lock shared rows in one order.
//
// A chat request whose own web search was paid by the other party (model on an own key, search on
// credits, or the reverse: units.search) gets two ledger entries, one per payer and kind, so the
// ledger tells credits from markup; their sum is the event's amount billed either way.
//
// Input row: a UsageEventJob plus pre-generated ids: "id" (the event), "ledgerId", "searchLedgerId", and
// "hourRollupId"/"dayRollupId" (the same for every event of one rollup row; used on insert only).
export const INGEST_SQL = `
WITH input AS (
  SELECT j.*, j."amountBilled"::numeric(20,10) AS billed, (j."createdAt" AT TIME ZONE 'UTC')::timestamp(3) AS created,
    j."units"->'search'->>'keySource' AS "searchSource", j."units"->'search'->>'providerId' AS "searchProvider",
    coalesce((j."units"->'search'->>'amountBilled')::numeric(20,10), 0) AS "searchBilled"
  FROM json_to_recordset($1::json) AS j(
    "id" text, "ledgerId" text, "searchLedgerId" text, "hourRollupId" text, "dayRollupId" text,
    "requestId" text, "organizationId" text, "projectId" text, "apiKeyId" text, "providerId" text, "model" text,
    "endpoint" text, "keySource" "KeySource", "promptTokens" int, "completionTokens" int, "cachedTokens" int,
    "reasoningTokens" int, "usageEstimated" boolean, "cost" json, "markup" numeric, "amountBilled" numeric,
    "latencyMs" int, "timeToFirstTokenMs" int, "status" "UsageStatus", "httpStatus" int, "errorCode" text,
    "attempts" int, "createdAt" timestamptz, "units" json)
),
inserted AS (
  INSERT INTO "UsageEvent" ("id", "requestId", "organizationId", "projectId", "apiKeyId", "providerId", "model", "endpoint",
    "keySource", "promptTokens", "completionTokens", "cachedTokens", "reasoningTokens", "usageEstimated", "costInput",
    "costCachedInput", "costOutput", "costReasoning", "costRequest", "costAudio", "costImage", "costWebSearch", "costTotal", "markup",
    "amountBilled", "units", "latencyMs", "timeToFirstTokenMs", "status", "httpStatus", "errorCode", "attempts", "createdAt", "ingestedAt")
  SELECT "id", "requestId", "organizationId", "projectId", "apiKeyId", "providerId", "model", "endpoint",
    "keySource", "promptTokens", "completionTokens", "cachedTokens", "reasoningTokens", "usageEstimated", ("cost"->>'input')::numeric,
    ("cost"->>'cachedInput')::numeric, ("cost"->>'output')::numeric, ("cost"->>'reasoning')::numeric, ("cost"->>'request')::numeric,
    coalesce(("cost"->>'audio')::numeric, 0), coalesce(("cost"->>'image')::numeric, 0), coalesce(("cost"->>'webSearch')::numeric, 0),
    ("cost"->>'total')::numeric, "markup", billed, "units"::jsonb, "latencyMs", "timeToFirstTokenMs", "status", "httpStatus", "errorCode", "attempts",
    created, (now() AT TIME ZONE 'UTC')::timestamp(3)
  FROM input
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING "requestId"
),
fresh AS (
  SELECT input.* FROM input JOIN inserted USING ("requestId")
),
ledger AS (
  INSERT INTO "CreditLedgerEntry" ("id", "organizationId", "kind", "amount", "requestId", "description", "createdAt")
  SELECT id, "organizationId", kind, -amount, "requestId", description, created FROM (
    SELECT "ledgerId" AS id, "organizationId", (CASE WHEN "keySource" = 'credits' THEN 'usage' ELSE 'markup' END)::"LedgerEntryKind" AS kind,
      billed - (CASE WHEN "searchSource" <> "keySource"::text THEN "searchBilled" ELSE 0 END) AS amount,
      "requestId", "endpoint" || ' ' || "providerId" || '/' || "model" AS description, created
    FROM fresh
    UNION ALL
    SELECT "searchLedgerId", "organizationId", (CASE WHEN "searchSource" = 'credits' THEN 'usage' ELSE 'markup' END)::"LedgerEntryKind",
      "searchBilled", "requestId", 'web.search ' || "searchProvider" || ' (for ' || "endpoint" || ')', created
    FROM fresh WHERE "searchSource" <> "keySource"::text
  ) AS entries WHERE amount > 0
),
balance AS (
  INSERT INTO "CreditBalance" ("organizationId", "balance", "updatedAt")
  SELECT "organizationId", -sum(billed), (now() AT TIME ZONE 'UTC')::timestamp(3)
  FROM fresh WHERE billed > 0 GROUP BY "organizationId" ORDER BY "organizationId"
  ON CONFLICT ("organizationId") DO UPDATE SET "balance" = "CreditBalance"."balance" + EXCLUDED."balance", "updatedAt" = EXCLUDED."updatedAt"
),
buckets AS (
  SELECT "hourRollupId" AS rid, 'hour'::"RollupGranularity" AS granularity, date_trunc('hour', created) AS bucket, fresh.* FROM fresh
  UNION ALL
  SELECT "dayRollupId", 'day'::"RollupGranularity", date_trunc('day', created), fresh.* FROM fresh
),
rollup AS (
  INSERT INTO "UsageRollup" ("id", "granularity", "bucket", "organizationId", "projectId", "apiKeyId", "providerId", "model", "keySource",
    "requests", "errors", "promptTokens", "completionTokens", "cachedTokens", "reasoningTokens", "costTotal", "markup", "amountBilled", "latencyMsSum")
  SELECT min(rid), granularity, bucket, "organizationId", "projectId", "apiKeyId", "providerId", "model", "keySource",
    count(*)::int, (count(*) FILTER (WHERE "status" <> 'success'))::int, sum("promptTokens"), sum("completionTokens"), sum("cachedTokens"),
    sum("reasoningTokens"), sum(("cost"->>'total')::numeric(20,10)), sum("markup"::numeric(20,10)), sum(billed), sum("latencyMs")
  FROM buckets
  GROUP BY 2, 3, 4, 5, 6, 7, 8, 9
  ORDER BY 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ("granularity", "bucket", "organizationId", "projectId", "apiKeyId", "providerId", "model", "keySource") DO UPDATE SET
    "requests" = "UsageRollup"."requests" + EXCLUDED."requests",
    "errors" = "UsageRollup"."errors" + EXCLUDED."errors",
    "promptTokens" = "UsageRollup"."promptTokens" + EXCLUDED."promptTokens",
    "completionTokens" = "UsageRollup"."completionTokens" + EXCLUDED."completionTokens",
    "cachedTokens" = "UsageRollup"."cachedTokens" + EXCLUDED."cachedTokens",
    "reasoningTokens" = "UsageRollup"."reasoningTokens" + EXCLUDED."reasoningTokens",
    "costTotal" = "UsageRollup"."costTotal" + EXCLUDED."costTotal",
    "markup" = "UsageRollup"."markup" + EXCLUDED."markup",
    "amountBilled" = "UsageRollup"."amountBilled" + EXCLUDED."amountBilled",
    "latencyMsSum" = "UsageRollup"."latencyMsSum" + EXCLUDED."latencyMsSum"
)
SELECT "requestId" FROM inserted`;
