// Operator price overrides: a dated price for one provider's offering of a catalog model. The
// newest in effect (catalog or override) prices requests; gateways reload them at once. Setting
// or deleting one whose effectiveFrom has passed is a correction: it re-prices the usage billed
// since (see reprice.ts).
import { findOffering, getModel, getProvider } from "@switchyard/catalog";
import { newId } from "@switchyard/core";
import { Prisma } from "@switchyard/db";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { InputError, NotFoundError } from "../graph/errors.ts";
import { publish } from "../graph/publish.ts";
import { correction, enqueueCorrection } from "./reprice.ts";

const decimal = (d: Prisma.Decimal | null) => (d === null ? null : d.toString());

export const PriceOverrideType = builder.prismaObject("ModelPriceOverride", {
  name: "PriceOverride",
  authScopes: { operator: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    providerId: t.exposeString("providerId"),
    model: t.exposeString("model", { description: "The catalog model id." }),
    inputPerMTok: t.field({ type: "Decimal", nullable: true, resolve: (o) => decimal(o.inputPerMTok) }),
    outputPerMTok: t.field({ type: "Decimal", nullable: true, resolve: (o) => decimal(o.outputPerMTok) }),
    cachedInputPerMTok: t.field({ type: "Decimal", nullable: true, resolve: (o) => decimal(o.cachedInputPerMTok) }),
    reasoningPerMTok: t.field({ type: "Decimal", nullable: true, resolve: (o) => decimal(o.reasoningPerMTok) }),
    perRequest: t.field({ type: "Decimal", nullable: true, resolve: (o) => decimal(o.perRequest) }),
    effectiveFrom: t.expose("effectiveFrom", { type: "DateTime" }),
    createdById: t.exposeString("createdById", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const SetPriceOverrideInput = builder.inputType("SetPriceOverrideInput", {
  description: "USD per million tokens (perRequest: per request). Setting the same provider, model and effectiveFrom again replaces it.",
  fields: (t) => ({
    providerId: t.string({ required: true }),
    model: t.string({ required: true, description: "The catalog model id, e.g. gpt-4o-mini." }),
    inputPerMTok: t.field({ type: "Decimal", required: true }),
    outputPerMTok: t.field({ type: "Decimal", required: true }),
    cachedInputPerMTok: t.field({ type: "Decimal", description: "Unset: cached input is billed as input." }),
    reasoningPerMTok: t.field({ type: "Decimal", description: "Unset: reasoning is billed as output." }),
    perRequest: t.field({ type: "Decimal" }),
    effectiveFrom: t.field({ type: "DateTime", required: true }),
  }),
});

function price(field: string, value: string | null | undefined): Prisma.Decimal | null {
  if (value === null || value === undefined) return null;
  const d = new Prisma.Decimal(value);
  if (d.isNegative()) throw new InputError(field, `${field} must not be negative.`);
  return d;
}

function offering(providerId: string, model: string): void {
  if (!getProvider(providerId)) throw new InputError("providerId", `Unknown provider "${providerId}".`);
  if (!getModel(model)) throw new InputError("model", `Unknown model "${model}": use a catalog model id.`);
  if (!findOffering(model, providerId)) throw new InputError("model", `${providerId} does not offer ${model}.`);
}

builder.queryField("priceOverrides", (t) =>
  t.prismaConnection({
    type: PriceOverrideType,
    cursor: "id",
    description: "Operator price overrides, by provider and model, newest effectiveFrom first (platform operators only).",
    authScopes: { operator: true },
    args: { providerId: t.arg.string(), model: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.modelPriceOverride.findMany({
        ...query,
        where: { ...(args.providerId ? { providerId: args.providerId } : {}), ...(args.model ? { model: args.model } : {}) },
        orderBy: [{ providerId: "asc" }, { model: "asc" }, { effectiveFrom: "desc" }, { id: "asc" }],
      }),
  }),
);

builder.mutationFields((t) => ({
  setPriceOverride: t.prismaField({
    type: PriceOverrideType,
    description: "Sets an operator price for a provider's offering of a model from effectiveFrom on (platform operators only).",
    errors: { types: COMMON_ERRORS },
    authScopes: { operator: true },
    args: { input: t.arg({ type: SetPriceOverrideInput, required: true }) },
    // Not spreading `query`: the type has no relations, and a selection of only `__typename`
    // would make it an empty (invalid) Prisma select.
    resolve: async (_query, _root, { input }, ctx) => {
      offering(input.providerId, input.model);
      const prices = {
        inputPerMTok: price("inputPerMTok", input.inputPerMTok),
        outputPerMTok: price("outputPerMTok", input.outputPerMTok),
        cachedInputPerMTok: price("cachedInputPerMTok", input.cachedInputPerMTok),
        reasoningPerMTok: price("reasoningPerMTok", input.reasoningPerMTok),
        perRequest: price("perRequest", input.perRequest),
      };
      const key = { providerId: input.providerId, model: input.model, effectiveFrom: input.effectiveFrom };
      const row = await ctx.prisma.$transaction(async (tx) => {
        const saved = await tx.modelPriceOverride.upsert({
          where: { providerId_model_effectiveFrom: key },
          create: { id: newId("prc"), ...key, ...prices, createdById: ctx.auth!.userId },
          update: { ...prices, createdById: ctx.auth!.userId },
        });
        const reprice = correction({ overrideId: saved.id, action: "set", providerId: key.providerId, model: key.model, effectiveFrom: key.effectiveFrom, actorId: ctx.auth!.userId });
        const metadata = {
          providerId: key.providerId, model: key.model, effectiveFrom: key.effectiveFrom.toISOString(), ...Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, decimal(v)])),
          repriceJobId: reprice?.jobId ?? null,
        };
        await audit(tx, ctx, { organizationId: null, action: "price_override.set", targetType: "price_override", targetId: saved.id, metadata });
        if (reprice) await enqueueCorrection(ctx.deps, reprice);
        return saved;
      });
      await publish(ctx, { type: "prices" });
      return row;
    },
  }),
  deletePriceOverride: t.id({
    description: "Deletes an operator price override; returns its id (platform operators only).",
    errors: { types: COMMON_ERRORS },
    authScopes: { operator: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      await ctx.prisma.$transaction(async (tx) => {
        const row = await tx.modelPriceOverride.findUnique({ where: { id } });
        if (!row) throw new NotFoundError("price override");
        await tx.modelPriceOverride.delete({ where: { id } });
        const reprice = correction({ overrideId: id, action: "delete", providerId: row.providerId, model: row.model, effectiveFrom: row.effectiveFrom, actorId: ctx.auth!.userId });
        const metadata = { providerId: row.providerId, model: row.model, effectiveFrom: row.effectiveFrom.toISOString(), repriceJobId: reprice?.jobId ?? null };
        await audit(tx, ctx, { organizationId: null, action: "price_override.delete", targetType: "price_override", targetId: id, metadata });
        if (reprice) await enqueueCorrection(ctx.deps, reprice);
      });
      await publish(ctx, { type: "prices" });
      return id;
    },
  }),
}));
