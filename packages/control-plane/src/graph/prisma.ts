// The Prisma client resolvers use. Pothos' query for a selection naming no model field (only
// `__typename`) is `{ select: {} }`, which Prisma rejects ("The select statement must not be
// empty"); such a query reads the default columns instead.
import type { PrismaClient } from "@switchyard/db";

export function resolverClient(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const select = (args as { select?: object } | undefined)?.select;
          if (select && Object.keys(select).length === 0) delete (args as { select?: object }).select;
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
