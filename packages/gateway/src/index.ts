export { startGateway } from "./server.ts";
export { createGatewayApp } from "./app.ts";
export { createAuthenticator, type Authenticator } from "./auth.ts";
export type { ResolvedKey } from "./key-cache.ts";
