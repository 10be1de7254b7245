// Gateway API keys per project: created (the secret returned once), listed, renamed, revoked,
// with an optional expiry. Revocation reaches every gateway within a second.
import { generateApiKey } from "@switchyard/vault";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { ApiKeyStatusEnum } from "../graph/enums.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError } from "../graph/errors.ts";
import { futureDate, name } from "../graph/input.ts";
import { publish } from "../graph/publish.ts";

export const ApiKeyType = builder.prismaObject("ApiKey", {
  authScopes: (k) => ({ org: { organizationId: k.organizationId, role: "viewer" } }),
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The public part, `sy-<id>`." }),
    last4: t.exposeString("last4"),
    masked: t.string({ description: "How to show the key: `sy-<id>-••••abcd`.", resolve: (k) => `${k.prefix}-••••${k.last4}` }),
    status: t.field({
      type: ApiKeyStatusEnum,
      description: "revoked once revoked; an expired key still reads active here: see expiresAt.",
      resolve: (k) => k.status,
    }),
    expired: t.boolean({ resolve: (k) => k.expiresAt !== null && k.expiresAt.getTime() <= Date.now() }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    project: t.relation("project"),
  }),
});

builder.prismaObjectField("Project", "apiKeys", (t) =>
  t.relatedConnection("apiKeys", { cursor: "id", totalCount: true, query: { orderBy: { createdAt: "desc" } } }),
);

interface CreatedKey {
  id: string;
  token: string;
}

const CreatedApiKey = builder.objectRef<CreatedKey>("CreatedApiKey").implement({
  fields: (t) => ({
    key: t.exposeString("token", { description: "The full key, shown only in this response." }),
    apiKey: t.prismaField({ type: ApiKeyType, resolve: (query, k, _a, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: k.id } }) }),
  }),
});

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({ projectId: t.id({ required: true }), name: t.string({ required: true }), expiresAt: t.field({ type: "DateTime" }) }),
});
const RenameApiKeyInput = builder.inputType("RenameApiKeyInput", {
  fields: (t) => ({ apiKeyId: t.id({ required: true }), name: t.string({ required: true }) }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    authScopes: async (_root, { input }, ctx) => ({ org: { organizationId: await ctx.ownerOf("project", String(input.projectId)), role: "admin" } }),
    resolve: (_root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const project = await tx.project.findUniqueOrThrow({ where: { id: String(input.projectId) } });
        if (project.archivedAt) throw new ConflictError("The project is archived: create keys in an active project.");
        const generated = generateApiKey(ctx.deps.hmacSecret);
        const keyName = name("name", input.name);
        await tx.apiKey.create({
          data: {
            id: generated.id,
            organizationId: project.organizationId,
            projectId: project.id,
            name: keyName,
            prefix: generated.prefix,
            secretHash: generated.secretHash,
            last4: generated.last4,
            expiresAt: futureDate("expiresAt", input.expiresAt),
            createdById: ctx.auth!.userId,
          },
        });
        await audit(tx, ctx, { organizationId: project.organizationId, action: "api_key.create", targetType: "api_key", targetId: generated.id, metadata: { name: keyName, projectId: project.id } });
        return { id: generated.id, token: generated.token };
      }),
  }),
  renameApiKey: t.prismaField({
    type: "ApiKey",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: RenameApiKeyInput, required: true }) },
    authScopes: async (_root, { input }, ctx) => ({ org: { organizationId: await ctx.ownerOf("apiKey", String(input.apiKeyId)), role: "admin" } }),
    resolve: (query, _root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const id = String(input.apiKeyId);
        const keyName = name("name", input.name);
        const key = await tx.apiKey.update({ ...query, where: { id }, data: { name: keyName } });
        await audit(tx, ctx, { organizationId: key.organizationId, action: "api_key.rename", targetType: "api_key", targetId: id, metadata: { name: keyName } });
        return key;
      }),
  }),
  revokeApiKey: t.prismaField({
    type: "ApiKey",
    description: "Revokes a key; every gateway refuses it within a second.",
    errors: { types: COMMON_ERRORS },
    args: { apiKeyId: t.arg.id({ required: true }) },
    authScopes: async (_root, args, ctx) => ({ org: { organizationId: await ctx.ownerOf("apiKey", String(args.apiKeyId)), role: "admin" } }),
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.apiKeyId);
      const key = await ctx.prisma.$transaction(async (tx) => {
        const before = await tx.apiKey.findUniqueOrThrow({ where: { id } });
        if (before.status === "revoked") throw new ConflictError("The key is already revoked.");
        await audit(tx, ctx, { organizationId: before.organizationId, action: "api_key.revoke", targetType: "api_key", targetId: id });
        return tx.apiKey.update({ ...query, where: { id }, data: { status: "revoked", revokedAt: new Date() } });
      });
      await publish(ctx, { type: "api-key", id });
      return key;
    },
  }),
}));
