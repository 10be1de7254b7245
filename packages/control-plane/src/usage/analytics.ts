// Usage totals, per-group totals and time series, aggregated in SQL from the hourly or daily
// rollups (never from the events). Sums come back as text so both database drivers give the
// same exact values: counters become numbers, money stays a decimal string.
import { Prisma, type KeySource, type PrismaClient } from "@switchyard/db";
import { InputError } from "../graph/errors.ts";
import { bucketStarts, type Dimension, type UsageQuery } from "./range.ts";

/** Whole numbers, exact up to 2^53; money as decimal strings. */
export interface UsageFigures {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costTotal: string;
  costPaidWithCredits: string;
  costWithOwnKeys: string;
  markupCharged: string;
  amountBilled: string;
  averageLatencyMs: number | null;
}

export interface UsageKey {
  projectId?: string;
  apiKeyId?: string;
  providerId?: string;
  model?: string;
  keySource?: KeySource;
}

export interface UsageGroup {
  key: UsageKey;
  figures: UsageFigures;
}

export interface UsageBucket {
  bucketStart: Date;
  groups: UsageGroup[];
}

/** More rows than this in one answer is an error: narrow the range or group by less. */
export const MAX_ROWS = 10_000;

type Row = Record<string, string | null>;
/** The client or a transaction. */
type Db = Pick<PrismaClient, "$queryRaw">;

const COUNTERS = ["requests", "errors", "promptTokens", "completionTokens", "cachedTokens", "reasoningTokens"] as const;

const SUMS = Prisma.sql`
  COALESCE(SUM("requests"), 0)::text AS "requests",
  COALESCE(SUM("errors"), 0)::text AS "errors",
  COALESCE(SUM("promptTokens"), 0)::text AS "promptTokens",
  COALESCE(SUM("completionTokens"), 0)::text AS "completionTokens",
  COALESCE(SUM("cachedTokens"), 0)::text AS "cachedTokens",
  COALESCE(SUM("reasoningTokens"), 0)::text AS "reasoningTokens",
  COALESCE(SUM("costTotal"), 0)::text AS "costTotal",
  COALESCE(SUM("amountBilled") FILTER (WHERE "keySource" = 'credits'), 0)::text AS "costPaidWithCredits",
  COALESCE(SUM("costTotal") FILTER (WHERE "keySource" = 'byok'), 0)::text AS "costWithOwnKeys",
  COALESCE(SUM("markup"), 0)::text AS "markupCharged",
  COALESCE(SUM("amountBilled"), 0)::text AS "amountBilled",
  COALESCE(SUM("latencyMsSum"), 0)::text AS "latencyMsSum"`;

function where(q: UsageQuery): Prisma.Sql {
  const parts = [
    Prisma.sql`"organizationId" = ${q.organizationId}`,
    Prisma.sql`"granularity" = ${q.granularity}::"RollupGranularity"`,
    // Buckets are UTC wall-clock timestamps: compare as such whatever the session time zone.
    Prisma.sql`"bucket" >= ${q.from.toISOString()}::timestamp`,
    Prisma.sql`"bucket" < ${q.to.toISOString()}::timestamp`,
  ];
  const lists: Array<[Dimension, readonly string[] | undefined]> = [
    ["projectId", q.filter.projectIds],
    ["apiKeyId", q.filter.apiKeyIds],
    ["providerId", q.filter.providerIds],
    ["model", q.filter.models],
    ["keySource", q.filter.keySources],
  ];
  for (const [column, values] of lists) {
    if (values && values.length > 0) parts.push(Prisma.sql`${Prisma.raw(`"${column}"::text`)} IN (${Prisma.join(values)})`);
  }
  return Prisma.join(parts, " AND ");
}

const columns = (dimensions: readonly Dimension[]) => dimensions.map((d) => Prisma.raw(`"${d}"::text AS "${d}"`));
const names = (dimensions: readonly Dimension[]) => dimensions.map((d) => Prisma.raw(`"${d}"`));

async function select(prisma: Db, q: UsageQuery, byBucket: boolean, orderBy: Prisma.Sql[]): Promise<Row[]> {
  const keys = [...(byBucket ? [Prisma.raw(`(EXTRACT(EPOCH FROM "bucket") * 1000)::bigint::text AS "bucketMs"`)] : []), ...columns(q.dimensions)];
  const groupBy = [...(byBucket ? [Prisma.raw(`"bucket"`)] : []), ...names(q.dimensions)];
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ${Prisma.join([...keys, SUMS])}
    FROM "UsageRollup"
    WHERE ${where(q)}
    ${groupBy.length > 0 ? Prisma.sql`GROUP BY ${Prisma.join(groupBy)}` : Prisma.empty}
    ${orderBy.length > 0 ? Prisma.sql`ORDER BY ${Prisma.join(orderBy)}` : Prisma.empty}
    LIMIT ${MAX_ROWS + 1}`;
  if (rows.length > MAX_ROWS) throw new InputError("groupBy", `The report would have more than ${MAX_ROWS} rows: narrow the range or the filter, use DAY buckets or group by fewer dimensions.`);
  return rows;
}

function figures(row: Row): UsageFigures {
  const count = (name: string) => Number(row[name] ?? "0");
  const money = (name: string) => new Prisma.Decimal(row[name] ?? "0").toFixed();
  const requests = count("requests");
  return {
    ...(Object.fromEntries(COUNTERS.map((c) => [c, count(c)])) as Record<(typeof COUNTERS)[number], number>),
    costTotal: money("costTotal"),
    costPaidWithCredits: money("costPaidWithCredits"),
    costWithOwnKeys: money("costWithOwnKeys"),
    markupCharged: money("markupCharged"),
    amountBilled: money("amountBilled"),
    averageLatencyMs: requests > 0 ? count("latencyMsSum") / requests : null,
  };
}

function key(row: Row, dimensions: readonly Dimension[]): UsageKey {
  return Object.fromEntries(dimensions.map((d) => [d, row[d]])) as UsageKey;
}

/** The figures of the whole range. */
export async function usageTotals(prisma: Db, q: UsageQuery): Promise<UsageFigures> {
  const [row] = await select(prisma, { ...q, dimensions: [] }, false, []);
  return figures(row ?? {});
}

/** One entry per group over the whole range, the most expensive first. */
export async function usageGroups(prisma: Db, q: UsageQuery): Promise<UsageGroup[]> {
  const order = [Prisma.raw(`SUM("costTotal") DESC`), Prisma.raw(`SUM("requests") DESC`), ...names(q.dimensions)];
  const rows = await select(prisma, q, false, order);
  return rows.map((row) => ({ key: key(row, q.dimensions), figures: figures(row) }));
}

/** Every bucket of the range, oldest first (an empty bucket has no groups). */
export async function usageSeries(prisma: Db, q: UsageQuery): Promise<UsageBucket[]> {
  const rows = await select(prisma, q, true, [Prisma.raw(`"bucket"`), ...names(q.dimensions)]);
  const byBucket = new Map<number, UsageGroup[]>();
  for (const row of rows) {
    const at = Number(row.bucketMs);
    const groups = byBucket.get(at) ?? [];
    groups.push({ key: key(row, q.dimensions), figures: figures(row) });
    byBucket.set(at, groups);
  }
  return bucketStarts(q).map((bucketStart) => ({ bucketStart, groups: byBucket.get(bucketStart.getTime()) ?? [] }));
}
