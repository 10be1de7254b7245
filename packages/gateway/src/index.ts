export { startGateway } from "./server.ts";
export { createGatewayHandler } from "./handler.ts";
export { createAuthenticator, type Authenticator } from "./auth.ts";
export type { ResolvedKey } from "./key-cache.ts";
