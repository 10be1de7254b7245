// ProviderKey as GraphQL shows it: masked, with its non-secret settings. No field ever returns
// the secret or its ciphertext.
import { maskSecret } from "@switchyard/vault";
import { builder } from "../builder.ts";
import { ProviderKeyKindEnum, ProviderKeyStatusEnum } from "../graph/enums.ts";

export const ProviderKeyType = builder.prismaObject("ProviderKey", {
  authScopes: (k) => ({ org: { organizationId: k.organizationId, role: "viewer" } }),
  select: { id: true, organizationId: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    providerId: t.exposeString("providerId"),
    kind: t.expose("kind", { type: ProviderKeyKindEnum }),
    status: t.expose("status", { type: ProviderKeyStatusEnum }),
    label: t.exposeString("label", { nullable: true }),
    masked: t.string({ description: "The key as shown: ••••abcd (the last 4 characters only).", select: { last4: true }, resolve: (k) => maskSecret(k.last4) }),
    settings: t.field({
      type: "JSON",
      description: "Non-secret settings: baseUrl, region, endpoint, deploymentName, apiVersion.",
      select: { config: true },
      resolve: (k) => k.config,
    }),
    validatedAt: t.expose("validatedAt", { type: "DateTime", nullable: true }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the key was last refused by its provider (no secrets)." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
