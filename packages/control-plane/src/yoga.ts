// The GraphQL endpoint: graphql-yoga serving the Pothos schema at /graphql, with unexpected
// errors masked, query depth and cost limited, and session cookies set by resolvers.
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { authenticate } from "./auth/authenticate.ts";
import type { ControlPlaneDeps } from "./deps.ts";
import type { Context } from "./graph/context.ts";
import { ownerLookup } from "./graph/owners.ts";
import { resolverClient } from "./graph/prisma.ts";
import { limits } from "./graph/limits.ts";
import { schema } from "./schema.ts";

type ServerContext = Record<string, unknown>;

export function createControlPlane(deps: ControlPlaneDeps): YogaServerInstance<ServerContext, Context> {
  const prisma = resolverClient(deps.prisma);
  const cookies = new WeakMap<Request, string[]>();
  const setCookies: Plugin = {
    onResponse: ({ request, response }) => {
      for (const cookie of cookies.get(request) ?? []) response.headers.append("set-cookie", cookie);
    },
  };
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: false,
    maskedErrors: { isDev: false },
    // Other origins may call with a bearer token but never with the session cookie: without
    // Access-Control-Allow-Credentials a browser refuses a credentialed cross-origin request at
    // the preflight. (yoga's default reflects any Origin and allows credentials.)
    cors: { origin: "*", credentials: false },
    plugins: [setCookies, ...limits()],
    logging: {
      debug: (...args) => deps.logger.debug({ args: String(args[0]) }, "graphql"),
      info: (...args) => deps.logger.info({ args: String(args[0]) }, "graphql"),
      warn: (...args) => deps.logger.warn({ args: String(args[0]) }, "graphql"),
      error: (...args) => deps.logger.error({ err: args[0] instanceof Error ? args[0].message : String(args[0]) }, "graphql"),
    },
    context: async ({ request }) => {
      const responseCookies: string[] = [];
      cookies.set(request, responseCookies);
      return { deps, prisma, auth: await authenticate(deps.prisma, request), request, cookies: responseCookies, ownerOf: ownerLookup(deps.prisma) };
    },
  });
}
