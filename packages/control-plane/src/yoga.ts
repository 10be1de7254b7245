// The GraphQL endpoint: graphql-yoga serving the Pothos schema at /graphql.
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import type { Context } from "./builder.ts";
import { resolveViewer } from "./context.ts";
import { schema } from "./schema.ts";

export function createControlPlane(deps: { prisma: PrismaClient; logger: Logger }): YogaServerInstance<object, Context> {
  return createYoga<object, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    logging: {
      debug: (...args) => deps.logger.debug({ args: String(args[0]) }, "graphql"),
      info: (...args) => deps.logger.info({ args: String(args[0]) }, "graphql"),
      warn: (...args) => deps.logger.warn({ args: String(args[0]) }, "graphql"),
      error: (...args) => deps.logger.error({ args: String(args[0]) }, "graphql"),
    },
    context: async ({ request }) => ({ prisma: deps.prisma, viewer: await resolveViewer(deps.prisma, request.headers) }),
  });
}
