// Credits: an organization's balance and its ledger (grants, purchases, usage debits, markups,
// refunds, adjustments), readable by every member of the organization.
import type { Prisma } from "@switchyard/db";
import { builder } from "../builder.ts";
import { LedgerEntryKindEnum } from "../graph/enums.ts";

/** Money as it is stored: 10 decimal places. */
export const money = (amount: Prisma.Decimal): string => amount.toFixed(10);

export const CreditLedgerEntryType = builder.prismaObject("CreditLedgerEntry", {
  authScopes: (e) => ({ org: { organizationId: e.organizationId, role: "viewer" } }),
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: LedgerEntryKindEnum }),
    amount: t.field({ type: "Decimal", description: "USD, signed: credits positive, debits negative.", resolve: (e) => money(e.amount) }),
    requestId: t.exposeString("requestId", { nullable: true, description: "The request billed (usage and markup entries)." }),
    description: t.exposeString("description", { nullable: true }),
    actorId: t.exposeString("actorId", { nullable: true, description: "The user who made the entry (grants and adjustments)." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField("Organization", "balance", (t) =>
  t.field({
    type: "Decimal",
    description: "Credit balance in USD (0 before any credit).",
    select: { balance: { select: { balance: true } } },
    resolve: (o) => (o.balance ? money(o.balance.balance) : "0.0000000000"),
  }),
);

builder.prismaObjectField("Organization", "ledger", (t) =>
  t.relatedConnection("ledgerEntries", {
    cursor: "id",
    totalCount: true,
    description: "Ledger entries, newest first; `from` is inclusive, `to` exclusive.",
    args: {
      kind: t.arg({ type: [LedgerEntryKindEnum], description: "Only these kinds (all when absent)." }),
      from: t.arg({ type: "DateTime" }),
      to: t.arg({ type: "DateTime" }),
    },
    query: (args) => ({
      where: {
        ...(args.kind && args.kind.length > 0 ? { kind: { in: args.kind } } : {}),
        ...(args.from || args.to ? { createdAt: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lt: args.to } : {}) } } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  }),
);
