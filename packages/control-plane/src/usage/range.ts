// The validated form of a usage query: the range widened to whole UTC buckets, the grouping
// dimensions and the filter. Every failure names the input field at fault.
import type { KeySource } from "@switchyard/db";
import { InputError } from "../graph/errors.ts";

export type Granularity = "hour" | "day";
/** Rollup columns a report can be grouped and filtered by. */
export type Dimension = "projectId" | "apiKeyId" | "providerId" | "model" | "keySource";

export const DIMENSIONS: readonly Dimension[] = ["projectId", "apiKeyId", "providerId", "model", "keySource"];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const BUCKET_MS: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS };
/** The longest range per bucket size: 31 days of hours, two years of days. */
export const MAX_SPAN: Record<Granularity, { ms: number; text: string }> = {
  hour: { ms: 31 * DAY_MS, text: "31 days" },
  day: { ms: 731 * DAY_MS, text: "2 years (731 days)" },
};
/** At most this many values in one filter list. */
export const MAX_FILTER_VALUES = 100;

export interface UsageFilter {
  projectIds?: readonly string[];
  apiKeyIds?: readonly string[];
  providerIds?: readonly string[];
  models?: readonly string[];
  keySources?: readonly KeySource[];
}

export interface UsageQuery {
  organizationId: string;
  granularity: Granularity;
  /** Start of the first bucket (inclusive). */
  from: Date;
  /** End of the last bucket (exclusive). */
  to: Date;
  dimensions: Dimension[];
  filter: UsageFilter;
}

export interface UsageQueryInput {
  organizationId: string;
  from: Date;
  to: Date;
  granularity: Granularity;
  dimensions: readonly Dimension[];
  filter: UsageFilter | null | undefined;
}

export function usageQuery(input: UsageQueryInput): UsageQuery {
  const { from, to, granularity } = input;
  if (from.getTime() >= to.getTime()) throw new InputError("to", "to must be later than from.");
  const max = MAX_SPAN[granularity];
  if (to.getTime() - from.getTime() > max.ms) {
    throw new InputError("to", `${granularity === "hour" ? "HOUR" : "DAY"} buckets cover at most ${max.text}: narrow from/to${granularity === "hour" ? " or use DAY buckets" : ""}.`);
  }
  const filter: UsageFilter = {};
  for (const key of ["projectIds", "apiKeyIds", "providerIds", "models", "keySources"] as const) {
    const values = input.filter?.[key];
    if (!values || values.length === 0) continue;
    if (values.length > MAX_FILTER_VALUES) throw new InputError(`filter.${key}`, `filter.${key} takes at most ${MAX_FILTER_VALUES} values.`);
    Object.assign(filter, { [key]: [...new Set(values)] });
  }
  return {
    organizationId: input.organizationId,
    granularity,
    from: floorTo(from, granularity),
    to: ceilTo(to, granularity),
    dimensions: DIMENSIONS.filter((d) => input.dimensions.includes(d)),
    filter,
  };
}

/** The UTC start of the bucket holding `at`. */
export function floorTo(at: Date, granularity: Granularity): Date {
  const size = BUCKET_MS[granularity];
  return new Date(Math.floor(at.getTime() / size) * size);
}

function ceilTo(at: Date, granularity: Granularity): Date {
  const size = BUCKET_MS[granularity];
  return new Date(Math.ceil(at.getTime() / size) * size);
}

/** Every bucket start of the query's range, oldest first. */
export function bucketStarts(q: Pick<UsageQuery, "from" | "to" | "granularity">): Date[] {
  const size = BUCKET_MS[q.granularity];
  const starts: Date[] = [];
  for (let t = q.from.getTime(); t < q.to.getTime(); t += size) starts.push(new Date(t));
  return starts;
}
