// An organization's own OpenAI-compatible endpoints: name, base URL (through the SSRF guard),
// model list and key. Requests address them as `custom:<slug>/<model>`; the key is stored as the
// provider key of provider `custom:<slug>`, validated against the endpoint before saving.
import { newId } from "@switchyard/core";
import { CUSTOM_PROVIDER_SUPPORTS, defineCustomProvider } from "@switchyard/catalog";
import { assertUpstreamUrl } from "@switchyard/providers";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import type { Context } from "../graph/context.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError, InputError } from "../graph/errors.ts";
import { name } from "../graph/input.ts";
import { publish } from "../graph/publish.ts";
import { parseCredentials } from "../provider-keys/credentials.ts";
import { KeyRejectedError } from "../provider-keys/errors.ts";
import { insertKey } from "../provider-keys/store.ts";
import { ProviderKeyType } from "../provider-keys/types.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_MODELS = 200;

export const CustomProviderType = builder.prismaObject("CustomProvider", {
  authScopes: (c) => ({ org: { organizationId: c.organizationId, role: "viewer" } }),
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug"),
    providerId: t.string({ description: "Use as `custom:<slug>/<model>` in requests.", resolve: (c) => `custom:${c.slug}` }),
    name: t.exposeString("name"),
    baseUrl: t.exposeString("baseUrl"),
    models: t.stringList({ resolve: (c) => ((c.config as { models?: string[] }).models ?? []) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    key: t.prismaField({
      type: ProviderKeyType,
      nullable: true,
      resolve: (query, c, _a, ctx) => ctx.prisma.providerKey.findFirst({ ...query, where: { organizationId: c.organizationId, providerId: `custom:${c.slug}`, status: "active" } }),
    }),
  }),
});

builder.prismaObjectField("Organization", "customProviders", (t) => t.relation("customProviders", { query: { orderBy: { createdAt: "asc" } } }));

const AddCustomProviderInput = builder.inputType("AddCustomProviderInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    slug: t.string({ required: true, description: "Lower-case letters, digits and dashes; requests use `custom:<slug>/<model>`." }),
    name: t.string({ required: true }),
    baseUrl: t.string({ required: true, description: "The endpoint's OpenAI-compatible base, including its version path, e.g. https://llm.example.com/v1." }),
    models: t.stringList({ required: true }),
    secret: t.string({ required: true }),
  }),
});
const UpdateCustomProviderInput = builder.inputType("UpdateCustomProviderInput", {
  fields: (t) => ({ customProviderId: t.id({ required: true }), name: t.string(), models: t.stringList() }),
});

function checkModels(models: readonly string[]): string[] {
  const clean = [...new Set(models.map((m) => m.trim()).filter((m) => m.length > 0))];
  if (clean.length === 0) throw new InputError("models", "List at least one model id.");
  if (clean.length > MAX_MODELS || clean.some((m) => m.length > 200)) throw new InputError("models", `At most ${MAX_MODELS} model ids of up to 200 characters.`);
  return clean;
}

function checkEndpoint(ctx: Context, raw: string): string {
  try {
    return assertUpstreamUrl(raw.trim(), ctx.deps.upstreamAllowlist).toString().replace(/\/+$/, "");
  } catch (error) {
    throw new InputError("baseUrl", (error as Error).message);
  }
}

builder.mutationFields((t) => ({
  addCustomProvider: t.prismaField({
    type: CustomProviderType,
    description: "Validates the key against the endpoint (GET /models), then saves the provider and its encrypted key.",
    errors: { types: [...COMMON_ERRORS, KeyRejectedError] },
    args: { input: t.arg({ type: AddCustomProviderInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "admin" } }),
    resolve: async (query, _root, { input }, ctx) => {
      const organizationId = String(input.organizationId);
      if (!SLUG.test(input.slug)) throw new InputError("slug", "The slug must be 1–40 lower-case letters, digits or dashes, starting with a letter or digit.");
      const displayName = name("name", input.name);
      const baseUrl = checkEndpoint(ctx, input.baseUrl);
      const models = checkModels(input.models);
      const parsed = parseCredentials(input.secret, undefined);
      if (await ctx.prisma.customProvider.findUnique({ where: { organizationId_slug: { organizationId, slug: input.slug } } })) throw new ConflictError(`A custom provider "${input.slug}" already exists.`);
      const providerId = `custom:${input.slug}`;
      const definition = defineCustomProvider({ id: providerId, name: displayName, baseUrl });
      const check = await ctx.deps.validateKey({ kind: "model", providerId, secret: parsed.secret, custom: definition });
      if (!check.ok) throw new KeyRejectedError(check.message, check.reason, check.upstreamStatus);
      const id = newId("cp");
      await ctx.prisma.$transaction(async (tx) => {
        await tx.customProvider.create({ data: { id, organizationId, slug: input.slug, name: displayName, baseUrl, config: { models } } });
        const target = { id: providerId, name: displayName, kind: "model" as const, docsUrl: baseUrl, credentialFields: undefined, customBaseUrl: false, supports: { chat: true, ...CUSTOM_PROVIDER_SUPPORTS, realtime: false, webSearch: false } };
        await insertKey(tx, ctx.deps.keyring, { ...parsed, target, config: {} }, { organizationId, kind: "model", label: displayName, createdById: ctx.auth!.userId });
        await audit(tx, ctx, { organizationId, action: "custom_provider.add", targetType: "custom_provider", targetId: id, metadata: { slug: input.slug, baseUrl, models } });
      });
      await publish(ctx, { type: "organization", id: organizationId });
      return ctx.prisma.customProvider.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateCustomProvider: t.prismaField({
    type: CustomProviderType,
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateCustomProviderInput, required: true }) },
    authScopes: async (_root, { input }, ctx) => ({ org: { organizationId: await ctx.ownerOf("customProvider", String(input.customProviderId)), role: "admin" } }),
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.customProviderId);
      const current = await ctx.prisma.customProvider.findUniqueOrThrow({ where: { id } });
      const data = {
        ...(input.name != null ? { name: name("name", input.name) } : {}),
        ...(input.models != null ? { config: { ...(current.config as object), models: checkModels(input.models) } } : {}),
      };
      const updated = await ctx.prisma.$transaction(async (tx) => {
        await audit(tx, ctx, { organizationId: current.organizationId, action: "custom_provider.update", targetType: "custom_provider", targetId: id, metadata: { ...(data.name ? { name: data.name } : {}), ...(input.models ? { models: input.models } : {}) } });
        return tx.customProvider.update({ ...query, where: { id }, data });
      });
      await publish(ctx, { type: "organization", id: current.organizationId });
      return updated;
    },
  }),
  deleteCustomProvider: t.id({
    description: "Deletes the custom provider and its keys; returns its id.",
    errors: { types: COMMON_ERRORS },
    args: { customProviderId: t.arg.id({ required: true }) },
    authScopes: async (_root, args, ctx) => ({ org: { organizationId: await ctx.ownerOf("customProvider", String(args.customProviderId)), role: "admin" } }),
    resolve: async (_root, args, ctx) => {
      const current = await ctx.prisma.customProvider.findUniqueOrThrow({ where: { id: String(args.customProviderId) } });
      await ctx.prisma.$transaction(async (tx) => {
        await tx.providerKey.deleteMany({ where: { organizationId: current.organizationId, providerId: `custom:${current.slug}` } });
        await tx.customProvider.delete({ where: { id: current.id } });
        await audit(tx, ctx, { organizationId: current.organizationId, action: "custom_provider.delete", targetType: "custom_provider", targetId: current.id, metadata: { slug: current.slug } });
      });
      await publish(ctx, { type: "organization", id: current.organizationId });
      return current.id;
    },
  }),
}));
