export { createKeyring, generateMasterKey, loadSecrets, type Keyring, type LoadSecretsOptions, type Secrets } from "./keyring.ts";
export {
  decryptSecret,
  encryptSecret,
  last4Of,
  maskSecret,
  rewrapDataKey,
  type EncryptedSecret,
  type SecretContext,
  type StoredSecret,
  type WrappedKey,
} from "./envelope.ts";
export { rewrapProviderKeys, type RewrapResult } from "./rewrap.ts";
export { API_KEY_LENGTH, generateApiKey, hashApiKeySecret, parseApiKey, verifyApiKeySecret, type GeneratedApiKey } from "./api-keys.ts";
export { ACCESS_TOKEN_LENGTH, generateAccessToken, hashAccessToken, isAccessToken, type GeneratedAccessToken } from "./access-tokens.ts";
