import type { RouteAccess } from "~/lib/access";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const access: RouteAccess = { loader: "public" };

// Any path no other route claims: a friendly 404 page inside the site layout.
export async function loader() {
  throw new Response("not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
