// Users and memberships, and `viewer`: who the caller is.
import { builder } from "../builder.ts";
import { MemberRoleEnum } from "./enums.ts";

export const UserType = builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name", { nullable: true }),
    isPlatformOperator: t.exposeBoolean("isPlatformOperator"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const MembershipType = builder.prismaObject("Membership", {
  fields: (t) => ({
    id: t.exposeID("id"),
    role: t.expose("role", { type: MemberRoleEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    user: t.relation("user"),
    organization: t.relation("organization"),
  }),
});

builder.prismaObjectField("User", "memberships", (t) =>
  t.relation("memberships", {
    description: "The user's organizations (only on `viewer`: other users' memberships are not shown).",
    authScopes: (user, _args, ctx) => ctx.auth?.userId === user.id || ctx.auth?.isOperator === true,
    query: { orderBy: { createdAt: "asc" } },
  }),
);

builder.queryType({
  fields: (t) => ({
    viewer: t.prismaField({
      type: "User",
      nullable: true,
      description: "The authenticated user, or null without valid credentials.",
      resolve: (query, _root, _args, ctx) => (ctx.auth ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.auth.userId } }) : null),
    }),
  }),
});

builder.mutationType({});
