// `usage`: an organization's totals, per-group totals and time series over a UTC range, read
// from the hourly or daily rollups. Counters are Float because sums outgrow GraphQL's 32-bit
// Int (they are whole numbers, exact up to 2^53); money is Decimal.
import { builder } from "../builder.ts";
import { KeySourceEnum } from "../graph/enums.ts";
import { usageGroups, usageSeries, usageTotals, type UsageBucket, type UsageFigures, type UsageGroup, type UsageKey } from "./analytics.ts";
import { MAX_FILTER_VALUES, MAX_SPAN, usageQuery, type UsageQuery } from "./range.ts";

export const UsageBucketEnum = builder.enumType("UsageBucket", {
  description: "UTC hours or UTC days.",
  values: { HOUR: { value: "hour" }, DAY: { value: "day" } } as const,
});

export const UsageDimensionEnum = builder.enumType("UsageDimension", {
  values: {
    PROJECT: { value: "projectId" },
    API_KEY: { value: "apiKeyId" },
    PROVIDER: { value: "providerId" },
    MODEL: { value: "model" },
    KEY_SOURCE: { value: "keySource" },
  } as const,
});

export const UsageFiguresType = builder.objectRef<UsageFigures>("UsageFigures").implement({
  description: "Counters are whole numbers (Float: sums exceed 32 bits; exact up to 2^53). Money in USD.",
  fields: (t) => ({
    requests: t.exposeFloat("requests"),
    errors: t.exposeFloat("errors", { description: "Requests that did not succeed (upstream errors, client errors and aborts)." }),
    promptTokens: t.exposeFloat("promptTokens"),
    completionTokens: t.exposeFloat("completionTokens"),
    cachedTokens: t.exposeFloat("cachedTokens"),
    reasoningTokens: t.exposeFloat("reasoningTokens"),
    costTotal: t.expose("costTotal", { type: "Decimal", description: "Provider cost at catalog prices, whoever paid it." }),
    costPaidWithCredits: t.expose("costPaidWithCredits", { type: "Decimal", description: "Debited from credits for requests served with the operator's keys." }),
    costWithOwnKeys: t.expose("costWithOwnKeys", { type: "Decimal", description: "Provider cost of requests served with the organization's own keys (billed by the provider to the organization)." }),
    markupCharged: t.expose("markupCharged", { type: "Decimal", description: "Markup debited from credits for requests served with own keys." }),
    amountBilled: t.expose("amountBilled", { type: "Decimal", description: "Everything debited from credits: costPaidWithCredits + markupCharged." }),
    averageLatencyMs: t.exposeFloat("averageLatencyMs", { nullable: true, description: "Null without requests." }),
  }),
});

export const UsageKeyType = builder.objectRef<UsageKey>("UsageKey").implement({
  description: "The group's value of each groupBy dimension; null for dimensions not grouped by.",
  fields: (t) => ({
    projectId: t.exposeID("projectId", { nullable: true }),
    apiKeyId: t.exposeID("apiKeyId", { nullable: true }),
    providerId: t.exposeString("providerId", { nullable: true }),
    model: t.exposeString("model", { nullable: true }),
    keySource: t.expose("keySource", { type: KeySourceEnum, nullable: true }),
    project: t.prismaField({
      type: "Project",
      nullable: true,
      description: "The project, unless deleted (or not grouped by PROJECT).",
      resolve: (query, k, _a, ctx) => (k.projectId ? ctx.prisma.project.findUnique({ ...query, where: { id: k.projectId } }) : null),
    }),
    apiKey: t.prismaField({
      type: "ApiKey",
      nullable: true,
      description: "The API key, unless deleted (or not grouped by API_KEY).",
      resolve: (query, k, _a, ctx) => (k.apiKeyId ? ctx.prisma.apiKey.findUnique({ ...query, where: { id: k.apiKeyId } }) : null),
    }),
  }),
});

export const UsageGroupType = builder.objectRef<UsageGroup>("UsageGroup").implement({
  fields: (t) => ({
    key: t.field({ type: UsageKeyType, resolve: (g) => g.key }),
    figures: t.field({ type: UsageFiguresType, resolve: (g) => g.figures }),
  }),
});

export const UsageBucketFiguresType = builder.objectRef<UsageBucket>("UsageSeriesBucket").implement({
  fields: (t) => ({
    bucketStart: t.expose("bucketStart", { type: "DateTime" }),
    groups: t.field({ type: [UsageGroupType], description: "One per group with usage in this bucket (none when the bucket is empty).", resolve: (b) => b.groups }),
  }),
});

export const UsageReportType = builder.objectRef<UsageQuery>("UsageReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime", description: "Start of the first bucket: `from` rounded down to the bucket size." }),
    to: t.expose("to", { type: "DateTime", description: "End of the last bucket (exclusive): `to` rounded up to the bucket size." }),
    bucket: t.field({ type: UsageBucketEnum, resolve: (q) => q.granularity }),
    groupBy: t.field({ type: [UsageDimensionEnum], resolve: (q) => q.dimensions }),
    totals: t.field({ type: UsageFiguresType, description: "The whole range, all groups together.", resolve: (q, _a, ctx) => usageTotals(ctx.prisma, q) }),
    groups: t.field({ type: [UsageGroupType], description: "Totals per group over the whole range, the highest costTotal first.", resolve: (q, _a, ctx) => usageGroups(ctx.prisma, q) }),
    series: t.field({ type: [UsageBucketFiguresType], description: "Every bucket of the range, oldest first.", resolve: (q, _a, ctx) => usageSeries(ctx.prisma, q) }),
  }),
});

const UsageFilterInput = builder.inputType("UsageFilter", {
  description: `Only usage matching every list given (an empty or missing list matches all; at most ${MAX_FILTER_VALUES} values each).`,
  fields: (t) => ({
    projectIds: t.idList(),
    apiKeyIds: t.idList(),
    providerIds: t.stringList(),
    models: t.stringList(),
    keySources: t.field({ type: [KeySourceEnum] }),
  }),
});

const UsageInput = builder.inputType("UsageInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    from: t.field({ type: "DateTime", required: true }),
    to: t.field({ type: "DateTime", required: true, description: "Exclusive; later than from." }),
    bucket: t.field({ type: UsageBucketEnum, defaultValue: "day", description: `Default DAY. Ranges cover at most ${MAX_SPAN.hour.text} with HOUR, ${MAX_SPAN.day.text} with DAY.` }),
    groupBy: t.field({ type: [UsageDimensionEnum], defaultValue: [], description: "Any subset; none: one group per bucket." }),
    filter: t.field({ type: UsageFilterInput }),
  }),
});

builder.queryField("usage", (t) =>
  t.field({
    type: UsageReportType,
    nullable: true,
    description: "Usage of an organization (viewer role) from the rollups. Buckets are UTC and included whole when they overlap [from, to).",
    args: { input: t.arg({ type: UsageInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "viewer" } }),
    resolve: (_root, { input }) =>
      usageQuery({
        organizationId: String(input.organizationId),
        from: input.from,
        to: input.to,
        granularity: input.bucket ?? "day",
        dimensions: input.groupBy ?? [],
        filter: input.filter && {
          projectIds: input.filter.projectIds?.map(String),
          apiKeyIds: input.filter.apiKeyIds?.map(String),
          providerIds: input.filter.providerIds ?? undefined,
          models: input.filter.models ?? undefined,
          keySources: input.filter.keySources ?? undefined,
        },
      }),
  }),
);
