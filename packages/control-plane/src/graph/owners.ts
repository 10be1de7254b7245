// Which organization owns an object: scope checks on mutations that take an object id load
// this first. Unknown ids and ids of other tenants both end as "not found".
import type { PrismaClient } from "@switchyard/db";

export type OwnedKind = "project" | "apiKey" | "providerKey" | "customProvider";

const lookups: Record<OwnedKind, (prisma: PrismaClient, id: string) => Promise<{ organizationId: string } | null>> = {
  project: (p, id) => p.project.findUnique({ where: { id }, select: { organizationId: true } }),
  apiKey: (p, id) => p.apiKey.findUnique({ where: { id }, select: { organizationId: true } }),
  providerKey: (p, id) => p.providerKey.findUnique({ where: { id }, select: { organizationId: true } }),
  customProvider: (p, id) => p.customProvider.findUnique({ where: { id }, select: { organizationId: true } }),
};

export function ownerLookup(prisma: PrismaClient): (kind: OwnedKind, id: string) => Promise<string | undefined> {
  const memo = new Map<string, Promise<string | undefined>>();
  return (kind, id) => {
    const key = `${kind}:${id}`;
    let found = memo.get(key);
    if (!found) {
      found = lookups[kind](prisma, id).then((row) => row?.organizationId);
      memo.set(key, found);
    }
    return found;
  };
}
