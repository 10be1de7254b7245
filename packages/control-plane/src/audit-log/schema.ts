// The audit log: who did what to which object, newest first. An organization's admins and owners
// read its entries; platform operators read every tenant's (and the deployment-wide ones).
import type { Prisma } from "@switchyard/db";
import { builder } from "../builder.ts";
import { UserType } from "../graph/user.ts";

export const AuditLogEntryType = builder.prismaObject("AuditLog", {
  name: "AuditLogEntry",
  authScopes: (e) => (e.organizationId ? { $any: { org: { organizationId: e.organizationId, role: "admin" }, operator: true } } : { operator: true }),
  fields: (t) => ({
    id: t.exposeID("id"),
    action: t.exposeString("action", { description: "e.g. api_key.create, credits.grant." }),
    actorType: t.exposeString("actorType", { description: "user (session), access_token or anonymous." }),
    actorId: t.exposeString("actorId", { nullable: true }),
    actor: t.prismaField({
      type: UserType,
      nullable: true,
      description: "The acting user, while the account exists.",
      resolve: (query, e, _args, ctx) => (e.actorId ? ctx.prisma.user.findUnique({ ...query, where: { id: e.actorId } }) : null),
    }),
    organizationId: t.exposeString("organizationId", { nullable: true }),
    targetType: t.exposeString("targetType", { nullable: true }),
    targetId: t.exposeString("targetId", { nullable: true }),
    metadata: t.expose("metadata", { type: "JSON", description: "Details (never secrets)." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

interface Filter {
  organizationId?: string | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function where(f: Filter): Prisma.AuditLogWhereInput {
  return {
    ...(f.organizationId ? { organizationId: f.organizationId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

const ORDER: Prisma.AuditLogOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

builder.prismaObjectField("Organization", "auditLog", (t) =>
  t.prismaConnection({
    type: AuditLogEntryType,
    cursor: "id",
    nullable: true,
    description: "The organization's audit log, newest first (admins and owners). `from` is inclusive, `to` exclusive.",
    authScopes: (org) => ({ $any: { org: { organizationId: org.id, role: "admin" }, operator: true } }),
    args: { action: t.arg.string({ description: "Only this action, e.g. member.add." }), from: t.arg({ type: "DateTime" }), to: t.arg({ type: "DateTime" }) },
    totalCount: (org, args, ctx) => ctx.prisma.auditLog.count({ where: where({ ...args, organizationId: org.id }) }),
    resolve: (query, org, args, ctx) => ctx.prisma.auditLog.findMany({ ...query, where: where({ ...args, organizationId: org.id }), orderBy: ORDER }),
  }),
);

builder.queryField("auditLog", (t) =>
  t.prismaConnection({
    type: AuditLogEntryType,
    cursor: "id",
    description: "Every tenant's audit log, newest first (platform operators only).",
    authScopes: { operator: true },
    args: {
      organizationId: t.arg.id({ description: "Only this organization's entries." }),
      action: t.arg.string(),
      from: t.arg({ type: "DateTime" }),
      to: t.arg({ type: "DateTime" }),
    },
    totalCount: (_root, args, ctx) => ctx.prisma.auditLog.count({ where: where({ ...args, organizationId: args.organizationId == null ? null : String(args.organizationId) }) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.auditLog.findMany({ ...query, where: where({ ...args, organizationId: args.organizationId == null ? null : String(args.organizationId) }), orderBy: ORDER }),
  }),
);
