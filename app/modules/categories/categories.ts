import taxonomy from "./categories.json";

export const categories = taxonomy.categories;
export const orgTypes = taxonomy.org_types;
export type CategoryKey = (typeof taxonomy.categories)[number]["key"];
export const categoryKeys = categories.map((c) => c.key) as [string, ...string[]];
