// WeCom (企业微信) group robots: POST {"msgtype": "markdown" | "text", …} to the group's webhook URL
// (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). The answer is {"errcode", "errmsg"}:
// 0 is sent, 45009 is the robot's rate limit (20 a minute), -1 a busy system; others are permanent.
import { DeliveryError, transportError, type Delivery, type MessageProvider } from "./provider";

const RETRY_LATER = new Set([45009, -1, 45033]);

/** Only WeCom's own robot endpoint: the stored URL is never a way to make the server call elsewhere. */
export function isWecomWebhookUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === "https:" &&
      u.hostname === "qyapi.weixin.qq.com" &&
      u.pathname === "/cgi-bin/webhook/send" &&
      /^[A-Za-z0-9-]{8,64}$/.test(u.searchParams.get("key") ?? "")
    );
  } catch {
    return false;
  }
}

export function wecomProvider(): MessageProvider {
  return {
    name: "wecom",
    async send(delivery: Delivery) {
      if (!isWecomWebhookUrl(delivery.to)) throw new DeliveryError("bad_webhook", "not a WeCom robot webhook URL", false);
      // Markdown for structured notices (digests); plain text otherwise.
      const body = delivery.text.includes("\n")
        ? { msgtype: "markdown", markdown: { content: delivery.text } }
        : { msgtype: "text", text: { content: delivery.text } };
      let answer: { errcode?: number; errmsg?: string };
      try {
        const res = await fetch(delivery.to, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
        answer = (await res.json()) as typeof answer;
      } catch (error) {
        throw transportError(error);
      }
      const code = answer.errcode ?? -1;
      if (code !== 0) throw new DeliveryError(`wecom.${code}`, answer.errmsg ?? "", RETRY_LATER.has(code));
      return null;
    },
  };
}
