// `viewer`: who the caller is and which organizations they belong to.
import { builder } from "./builder.ts";

interface MembershipShape {
  role: string;
  organization: { id: string; name: string };
}

const Membership = builder.objectRef<MembershipShape>("Membership").implement({
  fields: (t) => ({
    role: t.exposeString("role"),
    organizationId: t.string({ resolve: (m) => m.organization.id }),
    organizationName: t.string({ resolve: (m) => m.organization.name }),
  }),
});

interface UserShape {
  id: string;
  email: string;
  name: string | null;
  isPlatformOperator: boolean;
}

const User = builder.objectRef<UserShape>("User").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name", { nullable: true }),
    isPlatformOperator: t.exposeBoolean("isPlatformOperator"),
    memberships: t.field({
      type: [Membership],
      resolve: (user, _args, ctx) =>
        ctx.prisma.membership.findMany({ where: { userId: user.id }, include: { organization: true }, orderBy: { createdAt: "asc" } }),
    }),
  }),
});

builder.queryType({
  fields: (t) => ({
    viewer: t.field({
      type: User,
      nullable: true,
      description: "The authenticated user, or null without valid credentials.",
      resolve: (_root, _args, ctx) => (ctx.viewer ? ctx.prisma.user.findUnique({ where: { id: ctx.viewer.userId } }) : null),
    }),
  }),
});
