import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

interface ActivityFacts {
  organisationId: string | null;
  organisationName: string | null;
  communityName: string;
  capacity: number;
  placesLeft: number;
}

/** Who runs the activity: its volunteer team (linked to the team's page), or the community itself. */
export function ActivityOrganiser({ activity }: { activity: ActivityFacts }) {
  const { t } = useTranslation();
  return (
    <span className="activity-organiser">
      {t("activityText.organiserLabel")}
      {activity.organisationId && activity.organisationName ? (
        <Link to={`/organisations/${activity.organisationId}`}>{activity.organisationName}</Link>
      ) : (
        t("activityText.byCommunity", { community: activity.communityName })
      )}
    </span>
  );
}

/** Places: how many signed up out of how many, and how many are left (never "26/30" alone). */
export function ActivityPlaces({ activity }: { activity: ActivityFacts }) {
  const { t } = useTranslation();
  const taken = activity.capacity - activity.placesLeft;
  return (
    <span className="activity-places">
      {activity.placesLeft > 0
        ? t("activityText.places", { taken, total: activity.capacity, left: activity.placesLeft })
        : t("activityText.full", { taken, total: activity.capacity })}
    </span>
  );
}
