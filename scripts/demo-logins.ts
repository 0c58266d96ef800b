import { DEMO_PASSWORD, DEMO_EMAIL_DOMAIN } from "../db/seed";

const accounts: [string, string][] = [
  ["admin", "platform admin"],
  ["jiedao", "street admin, 东新街道"],
  ["shequ", "community staff, 沙柳北路社区"],
  ["shequ2", "community staff, 三盛里社区"],
  ["jumin", "resident, 沙柳北路社区"],
  ["jumin2", "resident, 沙柳北路社区"],
  ["yinhang", "bank partner admin"],
  ["yiyuan", "hospital partner admin"],
  ["qiye", "company partner admin"],
  ["duizhang", "volunteer team admin"],
  ["zhiyuanzhe", "volunteer"],
];

export function demoLoginsText(): string {
  const lines = accounts.map(([login, role]) => `    ${`${login}@${DEMO_EMAIL_DOMAIN}`.padEnd(32)} ${role}`);
  lines.push(`    ${"13800000001".padEnd(32)} resident with a phone login (no email)`);
  lines.push(`    partner01…partner20@${DEMO_EMAIL_DOMAIN}  further partner admins`);
  return `  Demo logins (password: ${DEMO_PASSWORD}):\n${lines.join("\n")}\n`;
}
