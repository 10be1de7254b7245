// `requestCompleted(projectId)`: each request of a project as the worker bills it, over SSE
// (POST /graphql with `accept: text/event-stream`). Viewers of the project's organization
// only, checked when the subscription starts (scope-auth `authorizeOnSubscribe`).
import type { CompletedRequest } from "@switchyard/runtime";
import { builder } from "../builder.ts";
import { KeySourceEnum, UsageStatusEnum } from "../graph/enums.ts";
import { requestFeed } from "./feed.ts";

export const CompletedRequestType = builder.objectRef<CompletedRequest>("CompletedRequest").implement({
  description: "A request just billed: what the request log shows, without the project object.",
  fields: (t) => ({
    requestId: t.exposeString("requestId"),
    organizationId: t.exposeID("organizationId"),
    projectId: t.exposeID("projectId"),
    apiKeyId: t.exposeID("apiKeyId"),
    providerId: t.exposeString("providerId"),
    model: t.exposeString("model"),
    endpoint: t.exposeString("endpoint"),
    keySource: t.expose("keySource", { type: KeySourceEnum }),
    status: t.expose("status", { type: UsageStatusEnum }),
    httpStatus: t.exposeInt("httpStatus", { nullable: true }),
    errorCode: t.exposeString("errorCode", { nullable: true }),
    promptTokens: t.exposeInt("promptTokens"),
    completionTokens: t.exposeInt("completionTokens"),
    cachedTokens: t.exposeInt("cachedTokens"),
    reasoningTokens: t.exposeInt("reasoningTokens"),
    usageEstimated: t.exposeBoolean("usageEstimated"),
    costTotal: t.expose("costTotal", { type: "Decimal" }),
    markup: t.expose("markup", { type: "Decimal" }),
    amountBilled: t.expose("amountBilled", { type: "Decimal" }),
    latencyMs: t.exposeInt("latencyMs"),
    timeToFirstTokenMs: t.exposeInt("timeToFirstTokenMs", { nullable: true }),
    attempts: t.exposeInt("attempts"),
    createdAt: t.field({ type: "DateTime", resolve: (r) => new Date(r.createdAt) }),
  }),
});

// The schema's first subscription declares the root type.
builder.subscriptionType({});

builder.subscriptionField("requestCompleted", (t) =>
  t.field({
    type: CompletedRequestType,
    description: "Each request of the project once the worker has billed it (a second or so after it ends).",
    args: { projectId: t.arg.id({ required: true }) },
    authScopes: async (_root, args, ctx) => ({ org: { organizationId: await ctx.ownerOf("project", String(args.projectId)), role: "viewer" } }),
    subscribe: async (_root, args, ctx) => {
      const projectId = String(args.projectId);
      const organizationId = await ctx.ownerOf("project", projectId);
      return requestFeed(ctx.deps).subscribe(organizationId ?? "", projectId);
    },
    resolve: (request) => request,
  }),
);
