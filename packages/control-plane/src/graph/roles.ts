// Per-organization roles, weakest first: viewer reads, member uses and reads, admin manages
// keys and projects, owner manages members and deletes.
import type { MemberRole } from "@switchyard/db";

const RANK: Record<MemberRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function atLeast(role: MemberRole | undefined, required: MemberRole): boolean {
  return role !== undefined && RANK[role] >= RANK[required];
}
