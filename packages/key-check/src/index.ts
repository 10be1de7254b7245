// @switchyard/key-check: proving a provider key works with the provider's small test request,
// used by the control plane before a key is saved and by the worker's health checks.
export { createKeyValidator, type KeyCheck, type KeyRejection, type KeyToValidate, type KeyValidator, type ValidatorDeps } from "./validate.ts";
