// Operators grant and adjust credits: one transaction writes the ledger entry, moves the balance
// and leaves an audit entry; gateways then refresh the organization's balance at once.
import { newId } from "@switchyard/core";
import { Prisma } from "@switchyard/db";
import { builder } from "../builder.ts";
import type { OrgScope } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import type { Context } from "../graph/context.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { InputError, NotFoundError } from "../graph/errors.ts";
import { name } from "../graph/input.ts";
import { publish } from "../graph/publish.ts";
import { CreditLedgerEntryType, money } from "./schema.ts";

interface CreditChange {
  entryId: string;
  balance: string;
}

const CreditChangeType = builder.objectRef<CreditChange>("CreditChange").implement({
  fields: (t) => ({
    entry: t.prismaField({ type: CreditLedgerEntryType, resolve: (query, c, _a, ctx) => ctx.prisma.creditLedgerEntry.findUniqueOrThrow({ ...query, where: { id: c.entryId } }) }),
    balance: t.field({ type: "Decimal", description: "The organization's balance after the change.", resolve: (c) => c.balance }),
  }),
});

const GrantCreditsInput = builder.inputType("GrantCreditsInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    amount: t.field({ type: "Decimal", required: true, description: "USD, positive." }),
    description: t.string(),
  }),
});
const AdjustCreditsInput = builder.inputType("AdjustCreditsInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    amount: t.field({ type: "Decimal", required: true, description: "USD, signed and non-zero (negative takes credit away)." }),
    description: t.string({ required: true, description: "Why: shown in the ledger and the audit log." }),
  }),
});

/** Operators only; members of the organization are told so, anyone else learns nothing. */
function operatorOn(organizationId: string, ctx: Context): { operator: boolean } | { org: OrgScope } {
  return ctx.auth?.isOperator === true || ctx.auth?.roles.has(organizationId) === true ? { operator: true } : { org: { organizationId, role: "viewer" } };
}

async function change(ctx: Context, organizationId: string, kind: "grant" | "adjustment", amount: Prisma.Decimal, description: string | null): Promise<CreditChange> {
  const result = await ctx.prisma.$transaction(async (tx) => {
    if (!(await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } }))) throw new NotFoundError("organization");
    const entryId = newId("led");
    await tx.creditLedgerEntry.create({ data: { id: entryId, organizationId, kind, amount, description, actorId: ctx.auth!.userId } });
    const row = await tx.creditBalance.upsert({ where: { organizationId }, create: { organizationId, balance: amount }, update: { balance: { increment: amount } } });
    const action = kind === "grant" ? "credits.grant" : "credits.adjust";
    await audit(tx, ctx, { organizationId, action, targetType: "organization", targetId: organizationId, metadata: { amount: money(amount), description, entryId } });
    return { entryId, balance: money(row.balance) };
  });
  await publish(ctx, { type: "balance", id: organizationId });
  return result;
}

builder.mutationFields((t) => ({
  grantCredits: t.field({
    type: CreditChangeType,
    description: "Adds credit to an organization (platform operators only).",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: GrantCreditsInput, required: true }) },
    authScopes: (_root, { input }, ctx) => operatorOn(String(input.organizationId), ctx),
    resolve: (_root, { input }, ctx) => {
      const amount = new Prisma.Decimal(input.amount);
      if (amount.lte(0)) throw new InputError("amount", "amount must be positive.");
      const description = input.description?.trim() ? name("description", input.description, 500) : null;
      return change(ctx, String(input.organizationId), "grant", amount, description);
    },
  }),
  adjustCredits: t.field({
    type: CreditChangeType,
    description: "Corrects an organization's credit up or down with a reason (platform operators only).",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: AdjustCreditsInput, required: true }) },
    authScopes: (_root, { input }, ctx) => operatorOn(String(input.organizationId), ctx),
    resolve: (_root, { input }, ctx) => {
      const amount = new Prisma.Decimal(input.amount);
      if (amount.isZero()) throw new InputError("amount", "amount must not be zero.");
      return change(ctx, String(input.organizationId), "adjustment", amount, name("description", input.description, 500));
    },
  }),
}));
