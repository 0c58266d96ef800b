// What a delivery provider is, and how its answers are classified.

export interface Delivery {
  channel: "sms" | "email" | "wecom";
  /** A phone number, an e-mail address, or for WeCom the group robot's webhook URL (resolved at send time). */
  to: string;
  template: string;
  params: Record<string, string>;
  text: string;
  idempotencyKey: string;
}

export interface MessageProvider {
  name: string;
  /** Resolves with the provider's message id; throws a DeliveryError when not sent. */
  send(delivery: Delivery): Promise<string | null>;
}

/**
 * A delivery that did not happen. retry: the provider was down, busy or throttling (try later, with
 * back-off); otherwise it is permanent (a bad template, an invalid number): retrying cannot help.
 */
export class DeliveryError extends Error {
  constructor(
    readonly providerCode: string,
    message: string,
    readonly retry: boolean,
  ) {
    super(`${providerCode}: ${message}`);
    this.name = "DeliveryError";
  }
}

/** An error thrown by an SDK or fetch with no provider code: network trouble or a 5xx, worth retrying. */
export function transportError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const status = typeof e.statusCode === "number" ? e.statusCode : null;
  const message = String(e.message ?? error).slice(0, 300);
  // A 4xx with a code of its own is the provider refusing the request: permanent unless it is throttling.
  if (status && status >= 400 && status < 500 && status !== 429) return new DeliveryError(String(e.code ?? status), message, false);
  return new DeliveryError(String(e.code ?? status ?? "network"), message, true);
}
