// Test fixtures shared by the credits, catalog and audit-log tests: an organization with members
// in given roles, written straight to the database.
import { newId } from "@switchyard/core";
import type { MemberRole } from "@switchyard/db";
import type { ControlPlaneHarness, TestUser } from "../testing/harness.ts";

export async function orgWith(h: ControlPlaneHarness, members: Array<[TestUser, MemberRole]>, options: { balanceRow?: boolean } = {}): Promise<string> {
  const id = newId("org");
  await h.db.prisma.organization.create({
    data: {
      id,
      name: `org ${id}`,
      ...(options.balanceRow === false ? {} : { balance: { create: {} } }),
      memberships: { create: members.map(([user, role]) => ({ id: newId("mem"), userId: user.id, role })) },
    },
  });
  return id;
}
