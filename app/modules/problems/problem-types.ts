// The problem-report taxonomy: sub-types (路灯, 井盖 …) under the 13 service categories, with their time limits.
import { categoryKeys } from "../categories/categories";
import taxonomy from "./problem-types.json";

export interface ProblemType {
  key: string;
  zh: string;
  en: string;
  category: string;
  /** Working days for the dispatched organisation to accept or decline. */
  acknowledgeDays: number;
  /** Working days from dispatch until the case should be fulfilled. */
  resolveDays: number;
}

export const problemTypes: readonly ProblemType[] = taxonomy.types;
export const problemTypeKeys = problemTypes.map((t) => t.key) as [string, ...string[]];

// A type under an unknown category, or a limit that is no whole positive number, is a data error: fail at load.
for (const type of problemTypes) {
  if (!categoryKeys.includes(type.category)) throw new Error(`problem type ${type.key}: unknown category ${type.category}`);
  for (const days of [type.acknowledgeDays, type.resolveDays])
    if (!Number.isInteger(days) || days < 1) throw new Error(`problem type ${type.key}: time limits are whole working days`);
}

export function problemType(key: string | null | undefined): ProblemType | undefined {
  return problemTypes.find((t) => t.key === key);
}

/** Limits for a case without a problem type (a need or wish dispatched): the "other" row. */
export function limitsFor(key: string | null | undefined): ProblemType {
  return problemType(key) ?? problemType("other")!;
}
