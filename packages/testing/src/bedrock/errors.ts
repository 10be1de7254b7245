// Bedrock's error responses: the type in the x-amzn-ErrorType header and a JSON {"message"}
// body, with each type's HTTP status from the Converse API reference.
import type { ServerResponse } from "node:http";

export const ERROR_STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  IncompleteSignatureException: 403,
  MissingAuthenticationTokenException: 403,
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
  UnknownOperationException: 404,
};

const DEFAULT_MESSAGE: Record<string, string> = {
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  ThrottlingException: "Too many requests, please wait before trying again.",
  ModelNotReadyException: "Model is not ready to serve inference requests.",
  InternalServerException: "The server encountered an internal error while processing the request.",
  ServiceUnavailableException: "Bedrock is unable to process your request.",
  ResourceNotFoundException: "The provided model identifier is invalid.",
};

export function sendBedrockError(res: ServerResponse, type: string, message: string | undefined, requestId: string, status?: number): void {
  const text = JSON.stringify({ message: message ?? DEFAULT_MESSAGE[type] ?? type });
  res.writeHead(status ?? ERROR_STATUS[type] ?? 400, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": requestId,
    "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  });
  res.end(text);
}
