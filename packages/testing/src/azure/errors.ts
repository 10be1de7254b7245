// Azure OpenAI's error bodies and headers, as the service sends them (collected from the REST
// reference and from bodies quoted in public issue reports: openai-python#331, compl-ai#20,
// MicrosoftDocs/azure-docs#114602, obot-platform/obot#5419). Azure's `code` is often the
// status as a string; content filtering is an OpenAI-style 400 with an `innererror`.
import type { ErrorResponse } from "../mock-errors.ts";

const error = (status: number, body: unknown, headers: Record<string, string> = {}): ErrorResponse => ({ status, body, headers });

export const accessDenied = (): ErrorResponse =>
  error(401, {
    error: {
      code: "401",
      message: "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
    },
  });

/** A missing or unknown api-version, or a path the service does not have. */
export const resourceNotFound = (): ErrorResponse => error(404, { error: { code: "404", message: "Resource not found" } });

export const deploymentNotFound = (): ErrorResponse =>
  error(404, {
    error: {
      code: "DeploymentNotFound",
      message: "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.",
    },
  });

export const unrecognizedArgument = (name: string): ErrorResponse =>
  error(400, { error: { message: `Unrecognized request argument supplied: ${name}`, type: "invalid_request_error", param: null, code: null } });

export function rateLimited(apiVersion: string, seconds = 2): ErrorResponse {
  return error(
    429,
    {
      error: {
        code: "429",
        message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
      },
    },
    { "retry-after": String(seconds), "retry-after-ms": String(seconds * 1000), "x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0" },
  );
}

export const FILTER_SAFE = {
  hate: { filtered: false, severity: "safe" },
  self_harm: { filtered: false, severity: "safe" },
  sexual: { filtered: false, severity: "safe" },
  violence: { filtered: false, severity: "safe" },
};

export const FILTER_VIOLENCE = { ...FILTER_SAFE, violence: { filtered: true, severity: "medium" } };

export const promptFiltered = (): ErrorResponse =>
  error(400, {
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
      type: null,
      param: "prompt",
      code: "content_filter",
      status: 400,
      innererror: { code: "ResponsibleAIPolicyViolation", content_filter_result: { ...FILTER_VIOLENCE, jailbreak: { filtered: false, detected: false } } },
    },
  });

export function azureError(status: number, apiVersion: string): ErrorResponse {
  switch (status) {
    case 401:
      return accessDenied();
    case 404:
      return deploymentNotFound();
    case 429:
      return rateLimited(apiVersion);
    case 500:
      return error(500, { error: { code: "InternalServerError", message: "The service encountered an internal error. Please retry." } });
    case 503:
      return error(503, { error: { code: "ServiceUnavailable", message: "The service is temporarily unable to process your request. Please try again later." } });
    default:
      return error(status, { error: { code: String(status), message: `Mock Azure OpenAI error ${status}.` } });
  }
}
