// The model catalog with the prices in effect now (operator overrides included) and, for a
// project, whether each model and offering can be used right now and why not.
import { resolveArrayConnection } from "@pothos/plugin-relay";
import { effectivePrice, getProvider, models, priceBook, toPriceOverride, type EffectivePrice, type ModelDefinition, type ModelOffering, type PriceBook } from "@switchyard/catalog";
import { builder } from "../builder.ts";
import { KeySourceEnum } from "../graph/enums.ts";
import { loadAccess, modelUsability, offeringUsability, type ProjectAccess, type Usability } from "./usability.ts";

interface OfferingView {
  offering: ModelOffering;
  providerName: string;
  price: EffectivePrice | undefined;
  usability: Usability | null;
}

interface ModelView {
  model: ModelDefinition;
  offerings: OfferingView[];
  usability: Usability | null;
}

const ModelPriceType = builder.objectRef<EffectivePrice>("ModelPrice").implement({
  description: "USD per million tokens (perRequest: per request), as exact decimals.",
  fields: (t) => ({
    inputPerMTok: t.field({ type: "Decimal", resolve: (p) => p.price.inputPerMTok }),
    outputPerMTok: t.field({ type: "Decimal", resolve: (p) => p.price.outputPerMTok }),
    cachedInputPerMTok: t.field({ type: "Decimal", nullable: true, description: "Null: cached input is billed as input.", resolve: (p) => p.price.cachedInputPerMTok ?? null }),
    reasoningPerMTok: t.field({ type: "Decimal", nullable: true, description: "Null: reasoning is billed as output.", resolve: (p) => p.price.reasoningPerMTok ?? null }),
    perRequest: t.field({ type: "Decimal", nullable: true, resolve: (p) => p.price.perRequest ?? null }),
    effectiveFrom: t.field({ type: "DateTime", resolve: (p) => p.effectiveFrom }),
    source: t.string({ description: "The pricing page, or \"operator override\".", resolve: (p) => p.price.source }),
    overrideId: t.id({ nullable: true, description: "The operator override in effect, if any.", resolve: (p) => p.overrideId }),
  }),
});

const CatalogOfferingType = builder.objectRef<OfferingView>("CatalogOffering").implement({
  fields: (t) => ({
    providerId: t.id({ resolve: (o) => o.offering.providerId }),
    providerName: t.string({ resolve: (o) => o.providerName }),
    upstreamModel: t.string({ description: "The model id the provider expects.", resolve: (o) => o.offering.upstreamModel }),
    price: t.field({ type: ModelPriceType, nullable: true, description: "The price in effect now; null when unpriced.", resolve: (o) => o.price ?? null }),
    usableNow: t.boolean({ nullable: true, description: "Only with `models(projectId:)`.", resolve: (o) => o.usability?.usableNow ?? null }),
    reason: t.string({ nullable: true, description: "Why it cannot be used now.", resolve: (o) => o.usability?.reason ?? null }),
    keySources: t.field({ type: [KeySourceEnum], nullable: true, description: "Who would pay now: own key, credits.", resolve: (o) => o.usability?.keySources ?? null }),
  }),
});

const CatalogModelType = builder.objectRef<ModelView>("CatalogModel").implement({
  fields: (t) => ({
    id: t.id({ description: "What clients send as `model`.", resolve: (m) => m.model.id }),
    name: t.string({ resolve: (m) => m.model.name }),
    ownedBy: t.string({ resolve: (m) => m.model.ownedBy }),
    contextLength: t.int({ nullable: true, resolve: (m) => m.model.contextLength ?? null }),
    offerings: t.field({ type: [CatalogOfferingType], description: "Providers in preference order.", resolve: (m) => m.offerings }),
    usableNow: t.boolean({ nullable: true, description: "Only with `models(projectId:)`: can the project use it right now?", resolve: (m) => m.usability?.usableNow ?? null }),
    reason: t.string({ nullable: true, description: "Why it cannot be used now.", resolve: (m) => m.usability?.reason ?? null }),
    keySources: t.field({ type: [KeySourceEnum], nullable: true, resolve: (m) => m.usability?.keySources ?? null }),
  }),
});

function view(model: ModelDefinition, book: PriceBook, now: Date, access: ProjectAccess | null): ModelView {
  const offerings = model.offerings.map((offering) => {
    const providerName = getProvider(offering.providerId)?.name ?? offering.providerId;
    return { offering, providerName, price: effectivePrice(offering, model.id, book, now), usability: access ? offeringUsability(access, offering.providerId, providerName) : null };
  });
  return { model, offerings, usability: access ? modelUsability(offerings.map((o) => o.usability!)) : null };
}

builder.queryField("models", (t) =>
  t.connection({
    type: CatalogModelType,
    nullable: true,
    description: "The catalog's models with current prices. With projectId (a project you can see), also whether the project can use each now.",
    authScopes: { authenticated: true },
    args: { projectId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const access = args.projectId == null ? null : await loadAccess(ctx, String(args.projectId));
      const now = new Date();
      const book = priceBook((await ctx.prisma.modelPriceOverride.findMany({ where: { effectiveFrom: { lte: now } } })).map(toPriceOverride));
      return resolveArrayConnection({ args }, models.map((m) => view(m, book, now, access)));
    },
  }),
);
