// Organizations: create, rename, list mine, delete (owner), and the organization's members.
import { newId } from "@switchyard/core";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { name } from "../graph/input.ts";
import { publish } from "../graph/publish.ts";

export const OrganizationType = builder.prismaObject("Organization", {
  authScopes: (org) => ({ org: { organizationId: org.id, role: "viewer" } }),
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    byokMarkupRate: t.string({
      nullable: true,
      description: "This organization's BYOK markup as a fraction (e.g. \"0.05\"); null: the deployment default.",
      resolve: (o) => o.byokMarkupRate?.toString() ?? null,
    }),
    members: t.relatedConnection("memberships", { cursor: "id", totalCount: true, query: { orderBy: { createdAt: "asc" } } }),
  }),
});

const CreateOrganizationInput = builder.inputType("CreateOrganizationInput", { fields: (t) => ({ name: t.string({ required: true }) }) });
const RenameOrganizationInput = builder.inputType("RenameOrganizationInput", {
  fields: (t) => ({ organizationId: t.id({ required: true }), name: t.string({ required: true }) }),
});

builder.queryFields((t) => ({
  organizations: t.prismaConnection({
    type: "Organization",
    cursor: "id",
    description: "Organizations the caller belongs to.",
    authScopes: { authenticated: true },
    totalCount: (_p, _a, ctx) => ctx.prisma.organization.count({ where: { memberships: { some: { userId: ctx.auth!.userId } } } }),
    resolve: (query, _root, _args, ctx) => ctx.prisma.organization.findMany({ ...query, where: { memberships: { some: { userId: ctx.auth!.userId } } }, orderBy: { createdAt: "asc" } }),
  }),
  organization: t.prismaField({
    type: "Organization",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    description: "An organization the caller belongs to; null for any other id.",
    resolve: (query, _root, { id }, ctx) => {
      const orgId = String(id);
      if (!ctx.auth || (!ctx.auth.roles.has(orgId) && !ctx.auth.isOperator)) return null;
      return ctx.prisma.organization.findUnique({ ...query, where: { id: orgId } });
    },
  }),
}));

builder.mutationFields((t) => ({
  createOrganization: t.prismaField({
    type: "Organization",
    description: "Creates an organization with the caller as its owner.",
    errors: { types: COMMON_ERRORS },
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = newId("org");
      const orgName = name("name", input.name);
      const userId = ctx.auth!.userId;
      const org = await ctx.prisma.$transaction(async (tx) => {
        await tx.organization.create({ data: { id, name: orgName, balance: { create: {} } } });
        await tx.membership.create({ data: { id: newId("mem"), userId, organizationId: id, role: "owner" } });
        await audit(tx, ctx, { organizationId: id, action: "organization.create", targetType: "organization", targetId: id, metadata: { name: orgName } });
        return tx.organization.findUniqueOrThrow({ ...query, where: { id } });
      });
      // The caller now owns it (their role map was read at the start of the request).
      ctx.auth = { ...ctx.auth!, roles: new Map([...ctx.auth!.roles, [id, "owner"]]) };
      return org;
    },
  }),
  renameOrganization: t.prismaField({
    type: "Organization",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: RenameOrganizationInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "admin" } }),
    resolve: (query, _root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const id = String(input.organizationId);
        const orgName = name("name", input.name);
        await audit(tx, ctx, { organizationId: id, action: "organization.rename", targetType: "organization", targetId: id, metadata: { name: orgName } });
        return tx.organization.update({ ...query, where: { id }, data: { name: orgName } });
      }),
  }),
  deleteOrganization: t.id({
    description: "Deletes the organization and everything in it (owner only). Returns its id.",
    errors: { types: COMMON_ERRORS },
    args: { organizationId: t.arg.id({ required: true }) },
    authScopes: (_root, args) => ({ org: { organizationId: String(args.organizationId), role: "owner" } }),
    resolve: async (_root, args, ctx) => {
      const id = String(args.organizationId);
      await ctx.prisma.$transaction(async (tx) => {
        await tx.organization.delete({ where: { id } });
        await audit(tx, ctx, { organizationId: null, action: "organization.delete", targetType: "organization", targetId: id });
      });
      await publish(ctx, { type: "organization", id });
      return id;
    },
  }),
}));
