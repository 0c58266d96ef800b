// Large-text mode for readers who need bigger type: a cookie set by the header's switch, read by the root loader.
export const textSizes = ["standard", "large"] as const;
export type TextSize = (typeof textSizes)[number];

export const TEXT_SIZE_COOKIE = "text_size";

export function detectTextSize(request: Request): TextSize {
  const match = (request.headers.get("Cookie") ?? "").match(/(?:^|;\s*)text_size=([^;]+)/);
  return match?.[1] === "large" ? "large" : "standard";
}

export function textSizeCookie(size: TextSize): string {
  return `${TEXT_SIZE_COOKIE}=${size}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
