// Members: add by email with a role, change a role, remove. Owners manage members; the last
// owner can be neither demoted nor removed.
import { newId } from "@switchyard/core";
import type { MemberRole, Prisma } from "@switchyard/db";
import { builder } from "../builder.ts";
import { audit } from "../graph/audit.ts";
import { MemberRoleEnum } from "../graph/enums.ts";
import { COMMON_ERRORS } from "../graph/error-types.ts";
import { ConflictError, InputError, NotFoundError } from "../graph/errors.ts";
import { email } from "../graph/input.ts";

const AddMemberInput = builder.inputType("AddMemberInput", {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    email: t.string({ required: true, description: "The member's account email (they must have signed up)." }),
    role: t.field({ type: MemberRoleEnum, required: true }),
  }),
});
const ChangeMemberRoleInput = builder.inputType("ChangeMemberRoleInput", {
  fields: (t) => ({ organizationId: t.id({ required: true }), userId: t.id({ required: true }), role: t.field({ type: MemberRoleEnum, required: true }) }),
});
const RemoveMemberInput = builder.inputType("RemoveMemberInput", {
  fields: (t) => ({ organizationId: t.id({ required: true }), userId: t.id({ required: true }) }),
});

async function membership(tx: Prisma.TransactionClient, organizationId: string, userId: string) {
  const found = await tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId } } });
  if (!found) throw new NotFoundError("member");
  return found;
}

async function assertAnotherOwner(tx: Prisma.TransactionClient, organizationId: string, role: MemberRole): Promise<void> {
  if (role !== "owner") return;
  // Lock the owner rows so two concurrent demotions cannot both see "another owner".
  const owners = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Membership" WHERE "organizationId" = ${organizationId} AND role = 'owner' FOR UPDATE`;
  if (owners.length <= 1) throw new ConflictError("The organization's last owner cannot be removed or demoted: make another member owner first.");
}

builder.mutationFields((t) => ({
  addMember: t.prismaField({
    type: "Membership",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: AddMemberInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "owner" } }),
    resolve: (query, _root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const organizationId = String(input.organizationId);
        const user = await tx.user.findUnique({ where: { email: email("email", input.email) }, select: { id: true } });
        if (!user) throw new InputError("email", "No account uses this email: ask them to sign up first.");
        if (await tx.membership.findUnique({ where: { userId_organizationId: { userId: user.id, organizationId } } })) throw new ConflictError("This user is already a member.");
        const id = newId("mem");
        await tx.membership.create({ data: { id, userId: user.id, organizationId, role: input.role } });
        await audit(tx, ctx, { organizationId, action: "member.add", targetType: "user", targetId: user.id, metadata: { role: input.role } });
        return tx.membership.findUniqueOrThrow({ ...query, where: { id } });
      }),
  }),
  changeMemberRole: t.prismaField({
    type: "Membership",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: ChangeMemberRoleInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "owner" } }),
    resolve: (query, _root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const organizationId = String(input.organizationId);
        const current = await membership(tx, organizationId, String(input.userId));
        if (input.role !== "owner") await assertAnotherOwner(tx, organizationId, current.role);
        await audit(tx, ctx, { organizationId, action: "member.change_role", targetType: "user", targetId: current.userId, metadata: { from: current.role, to: input.role } });
        return tx.membership.update({ ...query, where: { id: current.id }, data: { role: input.role } });
      }),
  }),
  removeMember: t.id({
    description: "Removes a member; returns the removed user's id.",
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: RemoveMemberInput, required: true }) },
    authScopes: (_root, { input }) => ({ org: { organizationId: String(input.organizationId), role: "owner" } }),
    resolve: (_root, { input }, ctx) =>
      ctx.prisma.$transaction(async (tx) => {
        const organizationId = String(input.organizationId);
        const current = await membership(tx, organizationId, String(input.userId));
        await assertAnotherOwner(tx, organizationId, current.role);
        await tx.membership.delete({ where: { id: current.id } });
        await audit(tx, ctx, { organizationId, action: "member.remove", targetType: "user", targetId: current.userId, metadata: { role: current.role } });
        return current.userId;
      }),
  }),
}));
