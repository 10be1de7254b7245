// `requestLog`: an organization's requests from the usage events, newest first, as a Relay
// connection. The cursor is (createdAt, id): request times repeat, ids break the ties.
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from "@pothos/plugin-relay";
import type { Prisma, UsageEventModel } from "@switchyard/db";
import { builder } from "../builder.ts";
import { KeySourceEnum, UsageStatusEnum } from "../graph/enums.ts";
import { InputError } from "../graph/errors.ts";

const money = (value: Prisma.Decimal) => value.toFixed();

export const RequestLogEntryType = builder.prismaObject("UsageEvent", {
  name: "RequestLogEntry",
  description: "One request served by the gateway (tokens, costs in USD, timings, outcome); never its content.",
  authScopes: (e) => ({ org: { organizationId: e.organizationId, role: "viewer" } }),
  fields: (t) => ({
    id: t.exposeID("id"),
    requestId: t.exposeString("requestId", { description: "The gateway's request id (x-request-id)." }),
    projectId: t.exposeID("projectId"),
    project: t.prismaField({
      type: "Project",
      nullable: true,
      description: "Null once the project is deleted.",
      resolve: (query, e, _a, ctx) => ctx.prisma.project.findUnique({ ...query, where: { id: e.projectId } }),
    }),
    apiKeyId: t.exposeID("apiKeyId"),
    providerId: t.exposeString("providerId"),
    model: t.exposeString("model"),
    endpoint: t.exposeString("endpoint", { description: "e.g. chat.completions" }),
    keySource: t.expose("keySource", { type: KeySourceEnum }),
    promptTokens: t.exposeInt("promptTokens"),
    completionTokens: t.exposeInt("completionTokens"),
    cachedTokens: t.exposeInt("cachedTokens"),
    reasoningTokens: t.exposeInt("reasoningTokens"),
    usageEstimated: t.exposeBoolean("usageEstimated", { description: "The provider reported no usage: tokens were estimated." }),
    costTotal: t.field({ type: "Decimal", description: "Provider cost at catalog prices, whoever paid it.", resolve: (e) => money(e.costTotal) }),
    costAudio: t.field({ type: "Decimal", description: "The part of costTotal for audio: audio tokens, speech characters, transcribed minutes.", resolve: (e) => money(e.costAudio) }),
    costImage: t.field({ type: "Decimal", description: "The part of costTotal for images: image tokens or per image.", resolve: (e) => money(e.costImage) }),
    costWebSearch: t.field({ type: "Decimal", description: "The part of costTotal for web searches: the provider's own, or Switchyard's search for the request.", resolve: (e) => money(e.costWebSearch) }),
    units: t.field({
      type: "JSON",
      nullable: true,
      description: "Quantities besides text tokens (audioInputTokens, audioOutputTokens, characters, audioSeconds, images, imageVariant, webSearches) and a chat request's own web search (search: provider, keySource, cost, markup, amountBilled). Null for plain text requests.",
      resolve: (e) => (e.units ?? null) as never,
    }),
    markup: t.field({ type: "Decimal", description: "Markup charged (own-key requests).", resolve: (e) => money(e.markup) }),
    amountBilled: t.field({ type: "Decimal", description: "Debited from credits.", resolve: (e) => money(e.amountBilled) }),
    latencyMs: t.exposeInt("latencyMs"),
    timeToFirstTokenMs: t.exposeInt("timeToFirstTokenMs", { nullable: true }),
    status: t.expose("status", { type: UsageStatusEnum }),
    httpStatus: t.exposeInt("httpStatus", { nullable: true }),
    errorCode: t.exposeString("errorCode", { nullable: true }),
    attempts: t.exposeInt("attempts", { description: "Upstream attempts (more than one after a retry or fallback)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the request arrived." }),
  }),
});

const RequestLogFilter = builder.inputType("RequestLogFilter", {
  description: "Every field given must match; from inclusive, to exclusive (on the request's arrival time).",
  fields: (t) => ({
    projectId: t.id(),
    apiKeyId: t.id(),
    providerId: t.string(),
    model: t.string(),
    status: t.field({ type: UsageStatusEnum }),
    keySource: t.field({ type: KeySourceEnum }),
    from: t.field({ type: "DateTime" }),
    to: t.field({ type: "DateTime" }),
  }),
});

type Filter = typeof RequestLogFilter.$inferInput;

function filterWhere(organizationId: string, f: Filter | null | undefined): Prisma.UsageEventWhereInput {
  if (f?.from && f.to && f.from.getTime() >= f.to.getTime()) throw new InputError("filter.to", "filter.to must be later than filter.from.");
  return {
    organizationId,
    ...(f?.projectId != null ? { projectId: String(f.projectId) } : {}),
    ...(f?.apiKeyId != null ? { apiKeyId: String(f.apiKeyId) } : {}),
    ...(f?.providerId != null ? { providerId: f.providerId } : {}),
    ...(f?.model != null ? { model: f.model } : {}),
    ...(f?.status != null ? { status: f.status } : {}),
    ...(f?.keySource != null ? { keySource: f.keySource } : {}),
    ...(f?.from || f?.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(e: Pick<UsageEventModel, "createdAt" | "id">): string {
  return Buffer.from(`${e.createdAt.toISOString()}|${e.id}`).toString("base64url");
}

function decodeCursor(field: string, cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new InputError(field, `${field} is not a cursor of this list.`);
  return { createdAt, id };
}

/** Rows after a cursor in newest-first order are older; rows before it are newer. */
function beyond(cursor: Cursor, direction: "lt" | "gt"): Prisma.UsageEventWhereInput {
  return { OR: [{ createdAt: { [direction]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [direction]: cursor.id } }] };
}

builder.queryField("requestLog", (t) =>
  t.connection({
    type: RequestLogEntryType,
    nullable: true,
    description: "An organization's requests, newest first (viewer role). Pages of at most 100.",
    args: { organizationId: t.arg.id({ required: true }), filter: t.arg({ type: RequestLogFilter }) },
    authScopes: (_root, args) => ({ org: { organizationId: String(args.organizationId), role: "viewer" } }),
    resolve: (_root, args, ctx) => {
      const where = filterWhere(String(args.organizationId), args.filter);
      return resolveCursorConnection({ args, toCursor: encodeCursor, defaultSize: 20, maxSize: 100 }, ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) => {
        const order = inverted ? "asc" : "desc";
        const and = [where, ...(after ? [beyond(decodeCursor("after", after), "lt")] : []), ...(before ? [beyond(decodeCursor("before", before), "gt")] : [])];
        return ctx.prisma.usageEvent.findMany({ where: { AND: and }, orderBy: [{ createdAt: order }, { id: order }], take: limit });
      });
    },
  }),
);
