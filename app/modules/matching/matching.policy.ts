// Who sees matches: for a need, its poster (or the resident it is for) and the staff governing its
// community; for an offer, its organisation's members and the staff governing its area.
import { governsCommunity, governsStreet, memberOf, type Viewer } from "~/modules/accounts/accounts.policy";

export interface NeedForMatches {
  postedByUserId: string;
  beneficiaryUserId: string | null;
  communityId: string;
  streetId: string;
}

export function canSeeNeedMatches(viewer: Viewer, need: NeedForMatches): boolean {
  return viewer.id === need.postedByUserId || viewer.id === need.beneficiaryUserId || governsCommunity(viewer, need);
}

export interface OfferForMatches {
  organisationId: string;
  communityId: string | null;
  streetId: string;
}

export function canSeeOfferMatches(viewer: Viewer, offer: OfferForMatches): boolean {
  if (memberOf(viewer, offer.organisationId)) return true;
  return offer.communityId
    ? governsCommunity(viewer, { communityId: offer.communityId, streetId: offer.streetId })
    : governsStreet(viewer, offer.streetId);
}
