import { sql } from "drizzle-orm";
import { TIANJIN_TIME_ZONE } from "./tianjin-time";

/**
 * Tianjin's zone in SQL: `x at time zone ${TIANJIN_ZONE}`. Written into the statement as a literal, not sent
 * as a parameter, so the same expression may stand in a select list and its GROUP BY.
 */
export const TIANJIN_ZONE = sql.raw(`'${TIANJIN_TIME_ZONE}'`);
