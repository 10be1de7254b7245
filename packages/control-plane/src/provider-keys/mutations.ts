// Adding and replacing provider keys: validated with the provider before anything is saved,
// one active key per provider, replacement atomic.
import { last4Of, maskSecret } from "@switchyard/vault";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { ProviderKeyKindEnum } from "../graph/enums.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError } from "../graph/errors.ts";
import { name } from "../graph/input.ts";
import { publish } from "../graph/publish.ts";
import { admitKey, knownTarget } from "./admission.ts";
import { KeyRejectedError } from "./errors.ts";
import { activeKey, insertKey, isUniqueViolation, oneActiveConflict } from "./store.ts";
import { ProviderKeyType } from "./types.ts";

const KEY_ERRORS = [...COMMON_ERRORS, KeyRejectedError];

const AddProviderKeyInput = builder.inputType("AddProviderKeyInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    providerId: t.string({ required: true }),
    kind: t.field({ type: ProviderKeyKindEnum, defaultValue: "model", required: true }),
    secret: t.string({ required: true, description: "The key, or for JSON-credential providers the JSON object as text. Never returned." }),
    baseUrl: t.string({ description: "Optional root URL of a proxy (no /v1: Switchyard appends the version path)." }),
    label: t.string(),
  }),
});

const ReplaceProviderKeyInput = builder.inputType("ReplaceProviderKeyInput", {
  fields: (t) => ({
    providerKeyId: t.id({ required: true, description: "The key to retire." }),
    secret: t.string({ required: true }),
    baseUrl: t.string(),
    label: t.string(),
  }),
});

builder.mutationFields((t) => ({
  addProviderKey: t.prismaField({
    type: ProviderKeyType,
    description: "Validates the key with a small request to the provider, then stores it encrypted as the provider's active key.",
    errors: { types: KEY_ERRORS },
    args: { input: t.arg({ type: AddProviderKeyInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "admin" } }),
    resolve: async (query, _root, { input }, ctx) => {
      const organizationId = String(input.organizationId);
      const target = knownTarget(input.kind, input.providerId);
      const existing = await activeKey(ctx.prisma, organizationId, input.kind, target.id);
      if (existing) throw oneActiveConflict(target.name, existing.last4);
      const admitted = await admitKey(ctx, { kind: input.kind, providerId: target.id, secret: input.secret, baseUrl: input.baseUrl });
      const label = input.label ? name("label", input.label) : null;
      let id: string;
      try {
        id = await ctx.prisma.$transaction(async (tx) => {
          const created = await insertKey(tx, ctx.deps.keyring, admitted, { organizationId, kind: input.kind, label, createdById: ctx.auth!.userId });
          await audit(tx, ctx, { organizationId, action: "provider_key.add", targetType: "provider_key", targetId: created, metadata: { providerId: target.id, kind: input.kind, masked: maskSecret(last4Of(admitted.maskSource)) } });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw oneActiveConflict(target.name, "");
        throw error;
      }
      await publish(ctx, { type: "organization", id: organizationId });
      return ctx.prisma.providerKey.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  replaceProviderKey: t.prismaField({
    type: ProviderKeyType,
    description: "Validates a new key and, in one transaction, retires the old key (inactive) and activates the new one.",
    errors: { types: KEY_ERRORS },
    args: { input: t.arg({ type: ReplaceProviderKeyInput, required: true }) },
    authScopes: async (_root, { input }, ctx) => ({ org: { organizationId: await ctx.ownerOf("providerKey", String(input.providerKeyId)), role: "admin" } }),
    resolve: async (query, _root, { input }, ctx) => {
      const old = await ctx.prisma.providerKey.findUniqueOrThrow({ where: { id: String(input.providerKeyId) } });
      const admitted = await admitKey(ctx, { kind: old.kind, providerId: old.providerId, secret: input.secret, baseUrl: input.baseUrl });
      const label = input.label ? name("label", input.label) : old.label;
      const id = await ctx.prisma.$transaction(async (tx) => {
        const current = await activeKey(tx, old.organizationId, old.kind, old.providerId);
        if (current && current.id !== old.id) throw new ConflictError("Another key of this provider is active: replace that one instead.");
        await tx.providerKey.update({ where: { id: old.id }, data: { status: "inactive" } });
        const created = await insertKey(tx, ctx.deps.keyring, admitted, { organizationId: old.organizationId, kind: old.kind, label, createdById: ctx.auth!.userId });
        await audit(tx, ctx, { organizationId: old.organizationId, action: "provider_key.replace", targetType: "provider_key", targetId: created, metadata: { providerId: old.providerId, replaced: old.id } });
        return created;
      });
      await publish(ctx, { type: "organization", id: old.organizationId });
      return ctx.prisma.providerKey.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
