// Bearer access tokens for automation: created with a name and optional expiry, shown once,
// stored as a hash; listed and revoked by their owner.
import { newId } from "@switchyard/core";
import { generateAccessToken } from "@switchyard/vault";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { NotFoundError } from "../graph/errors.ts";
import { futureDate, name } from "../graph/input.ts";

export const AccessTokenType = builder.prismaObject("AccessToken", {
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    masked: t.string({ description: "The token's last 4 characters, e.g. ••••abcd.", resolve: (k) => `••••${k.last4}` }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObjectField("User", "accessTokens", (t) =>
  t.relatedConnection("accessTokens", {
    cursor: "id",
    authScopes: (user, _args, ctx) => ctx.auth?.userId === user.id,
    query: { orderBy: { createdAt: "desc" } },
    totalCount: true,
  }),
);

interface CreatedToken {
  token: string;
  id: string;
}

const CreatedAccessToken = builder.objectRef<CreatedToken>("CreatedAccessToken").implement({
  fields: (t) => ({
    token: t.exposeString("token", { description: "The secret, shown only in this response. Send it as `Authorization: Bearer <token>`." }),
    accessToken: t.prismaField({ type: AccessTokenType, resolve: (query, p, _a, ctx) => ctx.prisma.accessToken.findUniqueOrThrow({ ...query, where: { id: p.id } }) }),
  }),
});

const CreateAccessTokenInput = builder.inputType("CreateAccessTokenInput", {
  fields: (t) => ({ name: t.string({ required: true }), expiresAt: t.field({ type: "DateTime" }) }),
});

builder.mutationFields((t) => ({
  createAccessToken: t.field({
    type: CreatedAccessToken,
    errors: { types: COMMON_ERRORS },
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CreateAccessTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const generated = generateAccessToken();
      const id = newId("tok");
      const data = { id, userId: ctx.auth!.userId, name: name("name", input.name), expiresAt: futureDate("expiresAt", input.expiresAt), tokenHash: generated.tokenHash, last4: generated.last4 };
      await ctx.prisma.$transaction(async (tx) => {
        await tx.accessToken.create({ data });
        await audit(tx, ctx, { organizationId: null, action: "access_token.create", targetType: "access_token", targetId: id, metadata: { name: data.name } });
      });
      return { token: generated.token, id };
    },
  }),
  revokeAccessToken: t.prismaField({
    type: AccessTokenType,
    errors: { types: COMMON_ERRORS },
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const token = await ctx.prisma.accessToken.findFirst({ where: { id: String(id), userId: ctx.auth!.userId }, select: { id: true } });
      if (!token) throw new NotFoundError("access token");
      return ctx.prisma.$transaction(async (tx) => {
        await audit(tx, ctx, { organizationId: null, action: "access_token.revoke", targetType: "access_token", targetId: token.id });
        return tx.accessToken.update({ ...query, where: { id: token.id }, data: { revokedAt: new Date() } });
      });
    },
  }),
}));
