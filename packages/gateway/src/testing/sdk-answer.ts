// An answer of the official OpenAI SDK as a test looks at it, success or API error alike: the
// status, the headers, the text the client got (to check no secret is in it), the error code and
// the usage object.
import OpenAI from "openai";

export interface SdkAnswer {
  status: number;
  headers: Headers;
  /** The answer (or the error) as the client got it, to check for secrets. */
  text: string;
  code?: string | null | undefined;
  usage?: Record<string, unknown>;
}

/** Awaits a `.withResponse()` request; an API error is returned as an answer, not thrown. */
export async function sdkAnswer(request: Promise<{ data: { usage?: unknown }; response: Response }>): Promise<SdkAnswer> {
  try {
    const { data, response } = await request;
    return { status: response.status, headers: response.headers, text: JSON.stringify(data), usage: data.usage as Record<string, unknown> | undefined };
  } catch (error) {
    if (!(error instanceof OpenAI.APIError)) throw error;
    return { status: error.status ?? 0, headers: error.headers ?? new Headers(), text: `${error.message} ${JSON.stringify(error.error)}`, code: error.code };
  }
}
