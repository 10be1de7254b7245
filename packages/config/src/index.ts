export { loadConfig, type Config } from "./config.ts";
export { envName, type ProviderSettings } from "./providers.ts";
