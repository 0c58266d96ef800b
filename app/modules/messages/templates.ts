// The message templates: each has its parameters in the order SMS providers number them (Tencent's
// TemplateParamSet is a list: {1}, {2}, …; Alibaba's TemplateParam is the object), and whether it is a
// one-time code (codes go out in quiet hours too, and count against the hourly code limit).
export const messageTemplates = {
  login_code: { params: ["code", "minutes"], code: true },
  password_reset: { params: ["code", "minutes"], code: true },
  signup_code: { params: ["code", "minutes"], code: true },
  signup_taken: { params: [], code: false },
  need_approved: { params: ["title"], code: false },
  need_claimed: { params: ["title"], code: false },
  need_fulfilled: { params: ["title"], code: false },
  family_need_update: { params: ["name", "title", "status"], code: false },
  activity_signup: { params: ["title", "startsAt"], code: false },
  activity_reminder_day: { params: ["title", "startsAt"], code: false },
  activity_reminder_hour: { params: ["title", "startsAt"], code: false },
  hours_approved: { params: ["title", "hours"], code: false },
  claim_deadline: { params: ["title", "dueDate"], code: false },
  staff_digest: { params: ["community", "pending", "overdue"], code: false },
  opt_out_confirmed: { params: [], code: false },
} as const satisfies Record<string, { params: readonly string[]; code: boolean }>;

export type MessageTemplate = keyof typeof messageTemplates;

export function isMessageTemplate(name: string): name is MessageTemplate {
  return Object.hasOwn(messageTemplates, name);
}

export function isCodeTemplate(name: string): boolean {
  return isMessageTemplate(name) && messageTemplates[name].code;
}

/** The parameters in the template's order (Tencent numbers them). */
export function orderedParams(name: string, params: Record<string, string>): string[] {
  return isMessageTemplate(name) ? messageTemplates[name].params.map((p) => params[p] ?? "") : Object.values(params);
}
