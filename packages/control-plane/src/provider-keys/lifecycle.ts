// Deactivate, reactivate (validated again) and delete provider keys. Deactivating or deleting
// reports which byok projects now fail for that provider.
import type { ProviderKeyModel } from "@switchyard/db";
import { decryptSecret } from "@switchyard/vault";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import type { Context } from "../graph/context.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError } from "../graph/errors.ts";
import { publish } from "../graph/publish.ts";
import { ProjectType } from "../projects/schema.ts";
import { knownTarget, prove } from "./admission.ts";
import { KeyRejectedError } from "./errors.ts";
import { activeKey, isUniqueViolation, oneActiveConflict } from "./store.ts";
import { ProviderKeyType } from "./types.ts";

interface KeyChange {
  keyId: string | null;
  deletedId: string | null;
  organizationId: string;
  providerId: string;
  /** Projects that lost their only key for this provider (byok mode, not archived). */
  affectedProjectIds: string[];
}

const KeyChangeType = builder.objectRef<KeyChange>("ProviderKeyChange").implement({
  fields: (t) => ({
    providerKey: t.prismaField({
      type: ProviderKeyType,
      nullable: true,
      resolve: (query, c, _a, ctx) => (c.keyId ? ctx.prisma.providerKey.findUnique({ ...query, where: { id: c.keyId } }) : null),
    }),
    deletedId: t.id({ nullable: true, resolve: (c) => c.deletedId }),
    providerId: t.exposeString("providerId"),
    affectedProjects: t.prismaField({
      type: [ProjectType],
      description: "Projects in byok mode whose requests to this provider now fail (no active key left).",
      resolve: (query, c, _a, ctx) => ctx.prisma.project.findMany({ ...query, where: { id: { in: c.affectedProjectIds } }, orderBy: { createdAt: "asc" } }),
    }),
  }),
});

async function affectedProjects(ctx: Context, key: ProviderKeyModel): Promise<string[]> {
  if (key.kind !== "model") return [];
  const stillActive = await activeKey(ctx.prisma, key.organizationId, key.kind, key.providerId);
  if (stillActive) return [];
  const rows = await ctx.prisma.project.findMany({ where: { organizationId: key.organizationId, mode: "byok", archivedAt: null }, select: { id: true } });
  return rows.map((r) => r.id);
}

const keyScope = async (_root: unknown, args: { providerKeyId: string | number }, ctx: Context) => ({
  org: { organizationId: await ctx.ownerOf("providerKey", String(args.providerKeyId)), role: "admin" as const },
});

builder.mutationFields((t) => ({
  deactivateProviderKey: t.field({
    type: KeyChangeType,
    errors: { types: COMMON_ERRORS },
    args: { providerKeyId: t.arg.id({ required: true }) },
    authScopes: keyScope,
    resolve: async (_root, args, ctx) => {
      const key = await ctx.prisma.providerKey.findUniqueOrThrow({ where: { id: String(args.providerKeyId) } });
      if (key.status !== "active") throw new ConflictError(`The key is already ${key.status}.`);
      await ctx.prisma.$transaction(async (tx) => {
        await tx.providerKey.update({ where: { id: key.id }, data: { status: "inactive" } });
        await audit(tx, ctx, { organizationId: key.organizationId, action: "provider_key.deactivate", targetType: "provider_key", targetId: key.id, metadata: { providerId: key.providerId } });
      });
      await publish(ctx, { type: "organization", id: key.organizationId });
      return { keyId: key.id, deletedId: null, organizationId: key.organizationId, providerId: key.providerId, affectedProjectIds: await affectedProjects(ctx, key) };
    },
  }),
  reactivateProviderKey: t.prismaField({
    type: ProviderKeyType,
    description: "Validates the stored key again and makes it the provider's active key.",
    errors: { types: [...COMMON_ERRORS, KeyRejectedError] },
    args: { providerKeyId: t.arg.id({ required: true }) },
    authScopes: keyScope,
    resolve: async (query, _root, args, ctx) => {
      const key = await ctx.prisma.providerKey.findUniqueOrThrow({ where: { id: String(args.providerKeyId) } });
      if (key.status === "active") throw new ConflictError("The key is already active.");
      const target = knownTarget(key.kind, key.providerId);
      const existing = await activeKey(ctx.prisma, key.organizationId, key.kind, key.providerId);
      if (existing) throw oneActiveConflict(target.name, existing.last4);
      const secret = decryptSecret(ctx.deps.keyring, { organizationId: key.organizationId, recordId: key.id, providerId: key.providerId }, key);
      const baseUrl = (key.config as { baseUrl?: string }).baseUrl;
      try {
        await prove(ctx, target, secret, baseUrl);
      } catch (error) {
        if (error instanceof KeyRejectedError && (error.reason === "invalid_key" || error.reason === "forbidden")) {
          await ctx.prisma.providerKey.update({ where: { id: key.id }, data: { status: "invalid", lastError: error.message.slice(0, 500) } });
        }
        throw error;
      }
      try {
        await ctx.prisma.$transaction(async (tx) => {
          await tx.providerKey.update({ where: { id: key.id }, data: { status: "active", validatedAt: new Date(), lastError: null, authFailures: 0, nextCheckAt: null } });
          await audit(tx, ctx, { organizationId: key.organizationId, action: "provider_key.reactivate", targetType: "provider_key", targetId: key.id, metadata: { providerId: key.providerId } });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw oneActiveConflict(target.name, "");
        throw error;
      }
      await publish(ctx, { type: "organization", id: key.organizationId });
      return ctx.prisma.providerKey.findUniqueOrThrow({ ...query, where: { id: key.id } });
    },
  }),
  deleteProviderKey: t.field({
    type: KeyChangeType,
    errors: { types: COMMON_ERRORS },
    args: { providerKeyId: t.arg.id({ required: true }) },
    authScopes: keyScope,
    resolve: async (_root, args, ctx) => {
      const key = await ctx.prisma.providerKey.findUniqueOrThrow({ where: { id: String(args.providerKeyId) } });
      await ctx.prisma.$transaction(async (tx) => {
        await tx.providerKey.delete({ where: { id: key.id } });
        await audit(tx, ctx, { organizationId: key.organizationId, action: "provider_key.delete", targetType: "provider_key", targetId: key.id, metadata: { providerId: key.providerId, status: key.status } });
      });
      await publish(ctx, { type: "organization", id: key.organizationId });
      return { keyId: null, deletedId: key.id, organizationId: key.organizationId, providerId: key.providerId, affectedProjectIds: await affectedProjects(ctx, key) };
    },
  }),
}));
