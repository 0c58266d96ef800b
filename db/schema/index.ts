export * from "./enums";
export * from "./places";
export * from "./accounts";
export * from "./organisations";
export * from "./needs";
export * from "./activities";
export * from "./ledger";
export * from "./audit";
