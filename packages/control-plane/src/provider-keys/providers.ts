// `Organization.providers`: every provider a key can be added for, with this organization's
// status (Not configured / Active / Inactive / Invalid), what it supports and takes.
import type { CredentialField } from "@switchyard/catalog";
import type { ProviderKeyModel as ProviderKey } from "@switchyard/db";
import { builder } from "../builder.ts";
import { ProviderKeyKindEnum } from "../graph/enums.ts";
import { providerStatus } from "./status.ts";
import { ProviderKeyType } from "./types.ts";
import { keyTargets, type KeyTarget } from "./targets.ts";

interface ProviderRow {
  target: KeyTarget;
  keys: ProviderKey[];
}

const StatusEnum = builder.enumType("ProviderStatus", { values: ["NOT_CONFIGURED", "ACTIVE", "INACTIVE", "INVALID"] as const });

const CredentialFieldType = builder.objectRef<CredentialField>("CredentialField").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    required: t.exposeBoolean("required"),
    secret: t.exposeBoolean("secret"),
    description: t.exposeString("description"),
  }),
});

const Supports = builder.objectRef<KeyTarget["supports"]>("ProviderSupports").implement({
  fields: (t) => ({
    chat: t.exposeBoolean("chat"),
    embeddings: t.exposeBoolean("embeddings"),
    speech: t.boolean({ description: "POST /v1/audio/speech.", resolve: (s) => s.speech }),
    transcription: t.boolean({ description: "POST /v1/audio/transcriptions and /v1/audio/translations.", resolve: (s) => s.transcription }),
    audio: t.boolean({ description: "speech or transcription.", deprecationReason: "Use speech and transcription: a provider may offer one without the other.", resolve: (s) => s.speech || s.transcription }),
    images: t.exposeBoolean("images"),
    realtime: t.boolean({ description: "GET /v1/realtime (WebSocket).", resolve: (s) => s.realtime }),
    webSearch: t.exposeBoolean("webSearch"),
  }),
});

const ProviderType = builder.objectRef<ProviderRow>("Provider").implement({
  fields: (t) => ({
    id: t.string({ resolve: (p) => p.target.id }),
    name: t.string({ resolve: (p) => p.target.name }),
    kind: t.field({ type: ProviderKeyKindEnum, resolve: (p) => p.target.kind }),
    docsUrl: t.string({ resolve: (p) => p.target.docsUrl }),
    status: t.field({ type: StatusEnum, resolve: (p) => providerStatus(p.keys) }),
    supports: t.field({ type: Supports, resolve: (p) => p.target.supports }),
    credentialFormat: t.string({ description: "KEY: a plain API key; JSON: a JSON object with `credentialFields`.", resolve: (p) => (p.target.credentialFields ? "JSON" : "KEY") }),
    credentialFields: t.field({ type: [CredentialFieldType], resolve: (p) => p.target.credentialFields ?? [] }),
    baseUrlAllowed: t.boolean({ description: "May a key carry its own base URL (root only)?", resolve: (p) => p.target.customBaseUrl }),
    activeKey: t.field({ type: ProviderKeyType, nullable: true, resolve: (p) => p.keys.find((k) => k.status === "active") ?? null }),
    keys: t.field({ type: [ProviderKeyType], description: "All keys, newest first.", resolve: (p) => p.keys }),
  }),
});

builder.prismaObjectField("Organization", "providers", (t) =>
  t.field({
    type: [ProviderType],
    description: "Every catalog provider (or web-search provider) with this organization's key status.",
    args: { kind: t.arg({ type: ProviderKeyKindEnum, required: true, defaultValue: "model" }) },
    select: { id: true },
    resolve: async (org, { kind }, ctx) => {
      const keys = await ctx.prisma.providerKey.findMany({ where: { organizationId: org.id, kind }, orderBy: { createdAt: "desc" } });
      return keyTargets(kind).map((target) => ({ target, keys: keys.filter((k) => k.providerId === target.id) }));
    },
  }),
);

