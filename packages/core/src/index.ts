export { SwitchyardError, toSwitchyardError, type ErrorEnvelope } from "./errors.ts";
export { errorCodes, type ErrorCode } from "./error-codes.ts";
export { newId, randomToken, type IdPrefix } from "./ids.ts";
export { createLogger, type Logger } from "./logger.ts";
