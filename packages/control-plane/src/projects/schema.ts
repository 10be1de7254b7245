// Projects: create, rename, archive; mode (credits, byok, hybrid) and the hybrid fallback policy.
import { newId } from "@switchyard/core";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { ProjectModeEnum } from "../graph/enums.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError } from "../graph/errors.ts";
import { name } from "../graph/input.ts";
import { publish } from "../graph/publish.ts";

export const ProjectType = builder.prismaObject("Project", {
  authScopes: (p) => ({ org: { organizationId: p.organizationId, role: "viewer" } }),
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    mode: t.expose("mode", { type: ProjectModeEnum }),
    allowCreditsFallback: t.exposeBoolean("allowCreditsFallback", { description: "Hybrid only: when an own key fails, may the request fall back to credits?" }),
    archivedAt: t.expose("archivedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    organization: t.relation("organization"),
  }),
});

builder.prismaObjectField("Organization", "projects", (t) =>
  t.relatedConnection("projects", {
    cursor: "id",
    totalCount: true,
    args: { includeArchived: t.arg.boolean({ defaultValue: false }) },
    query: (args) => ({ where: args.includeArchived ? {} : { archivedAt: null }, orderBy: { createdAt: "asc" } }),
  }),
);

builder.queryField("project", (t) =>
  t.prismaField({
    type: "Project",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    description: "A project of one of the caller's organizations; null for any other id.",
    resolve: async (query, _root, { id }, ctx) => {
      const orgId = await ctx.ownerOf("project", String(id));
      if (!ctx.auth || orgId === undefined || (!ctx.auth.roles.has(orgId) && !ctx.auth.isOperator)) return null;
      return ctx.prisma.project.findUnique({ ...query, where: { id: String(id) } });
    },
  }),
);

const CreateProjectInput = builder.inputType("CreateProjectInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    name: t.string({ required: true }),
    mode: t.field({ type: ProjectModeEnum, description: "Default hybrid." }),
    allowCreditsFallback: t.boolean({ description: "Default true." }),
  }),
});
const UpdateProjectInput = builder.inputType("UpdateProjectInput", {
  description: "Only the fields given change.",
  fields: (t) => ({
    projectId: t.id({ required: true }),
    name: t.string(),
    mode: t.field({ type: ProjectModeEnum }),
    allowCreditsFallback: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  createProject: t.prismaField({
    type: "Project",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "admin" } }),
    resolve: (query, _root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const id = newId("prj");
        const organizationId = String(input.organizationId);
        const data = { id, organizationId, name: name("name", input.name), mode: input.mode ?? "hybrid", allowCreditsFallback: input.allowCreditsFallback ?? true };
        await tx.project.create({ data });
        await audit(tx, ctx, { organizationId, action: "project.create", targetType: "project", targetId: id, metadata: { name: data.name, mode: data.mode } });
        return tx.project.findUniqueOrThrow({ ...query, where: { id } });
      }),
  }),
  updateProject: t.prismaField({
    type: "Project",
    description: "Renames a project, sets its mode or its hybrid fallback policy; gateways apply the change within a second.",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateProjectInput, required: true }) },
    authScopes: async (_root, { input }, ctx) => ({ org: { organizationId: await ctx.ownerOf("project", String(input.projectId)), role: "admin" } }),
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.projectId);
      const data = {
        ...(input.name != null ? { name: name("name", input.name) } : {}),
        ...(input.mode != null ? { mode: input.mode } : {}),
        ...(input.allowCreditsFallback != null ? { allowCreditsFallback: input.allowCreditsFallback } : {}),
      };
      const project = await ctx.prisma.$transaction(async (tx) => {
        const before = await tx.project.findUniqueOrThrow({ where: { id } });
        if (before.archivedAt) throw new ConflictError("The project is archived.");
        await audit(tx, ctx, { organizationId: before.organizationId, action: "project.update", targetType: "project", targetId: id, metadata: { ...data } });
        return tx.project.update({ ...query, where: { id }, data });
      });
      await publish(ctx, { type: "project", id });
      return project;
    },
  }),
  archiveProject: t.prismaField({
    type: "Project",
    description: "Archives a project: its API keys stop working at once. Archiving is permanent.",
    errors: { types: COMMON_ERRORS },
    args: { projectId: t.arg.id({ required: true }) },
    authScopes: async (_root, args, ctx) => ({ org: { organizationId: await ctx.ownerOf("project", String(args.projectId)), role: "admin" } }),
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.projectId);
      const project = await ctx.prisma.$transaction(async (tx) => {
        const before = await tx.project.findUniqueOrThrow({ where: { id } });
        if (before.archivedAt) throw new ConflictError("The project is already archived.");
        await audit(tx, ctx, { organizationId: before.organizationId, action: "project.archive", targetType: "project", targetId: id });
        return tx.project.update({ ...query, where: { id }, data: { archivedAt: new Date() } });
      });
      await publish(ctx, { type: "project", id });
      return project;
    },
  }),
}));
