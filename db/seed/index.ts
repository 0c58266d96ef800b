export { seedDemoData, databaseState, demoId, DEMO_PASSWORD, DEMO_EMAIL_DOMAIN, type SeedSummary } from "./seed-demo";
