// What the posting form offers a viewer: their communities, and whether they post as staff.
import type { PlaceTree } from "~/modules/places/places.server";
import { can, type Viewer } from "~/modules/accounts/accounts.policy";

export function postingChoices(viewer: Viewer, places: PlaceTree) {
  const asStaff = places.communities
    .filter((c) => can(viewer, "need.create_for_community", { communityId: c.id, streetId: c.streetId }))
    .map((c) => c.id);
  const asResident = places.communities
    .filter((c) => can(viewer, "need.create_wish", { communityId: c.id, streetId: c.streetId }))
    .map((c) => c.id);
  return { staffCommunities: asStaff, wishCommunities: asResident };
}

/** The form's flat fields as the API's nested input: items one per line, on-behalf fields grouped. */
export function needInputFromForm(values: Record<string, string>) {
  const items = (values.items ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((title) => ({ title }));
  // A registered resident picked from the list, or (not registered) a name typed with their consent.
  const residentId = values.onBehalfUserId || undefined;
  const onBehalf = residentId || values.onBehalfName || values.onBehalfPhone;
  return {
    kind: values.kind || "micro_wish",
    title: values.title,
    description: values.description ?? "",
    category: values.category,
    communityId: values.communityId,
    contactPhone: values.contactPhone,
    address: values.address,
    ...(values.kind === "project" ? { items } : {}),
    ...(onBehalf
      ? {
          onBehalfOf: {
            userId: residentId,
            name: residentId ? undefined : values.onBehalfName,
            phone: values.onBehalfPhone,
            address: values.address,
            consent: values.onBehalfConsent === "on",
          },
        }
      : {}),
  };
}
