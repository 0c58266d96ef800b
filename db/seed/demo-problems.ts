// Problem reports (问题上报) and dispatches (派单) for the demo: two grid workers, and cases in every state, in
// 沙柳北路社区 (东新街道) and 三盛里社区 (五大道街道). Called once from seed-demo.ts, in its transaction.
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { eq } from "drizzle-orm";
import * as schema from "../schema";
import { addWorkingDays } from "../../app/modules/problems/working-days";
import { limitsFor } from "../../app/modules/problems/problem-types";

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];
type NeedRow = typeof schema.needs.$inferInsert;

interface Context {
  passwordHash: string;
  now: Date;
  demoId: (key: string) => string;
  email: (local: string) => string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Plan = {
  key: string;
  community: "shaliubeilu" | "sanshengli";
  type: string;
  title: string;
  description: string;
  location: string;
  /** How the case stands now. */
  state:
    | "pending_review"
    | "published"
    | "declined"
    | "dispatched"
    | "dispatch_overdue"
    | "claimed"
    | "overdue"
    | "fulfilled"
    | "completed"
    | "rejected"
    | "withdrawn";
  daysAgo: number;
  org?: string;
  byResident?: boolean;
};

const plans: Plan[] = [
  {
    key: "lamp-12",
    community: "shaliubeilu",
    type: "stairwell_light",
    title: "12号楼3门楼道灯不亮",
    description: "三楼到五楼的楼道灯坏了一周，老人晚上上下楼看不见。",
    location: "12号楼3门",
    state: "completed",
    daysAgo: 30,
    org: "company-haihe",
  },
  {
    key: "manhole-8",
    community: "shaliubeilu",
    type: "manhole",
    title: "8号楼前井盖松动",
    description: "井盖踩上去会晃，孩子放学经过，有危险。",
    location: "8号楼前路口",
    state: "completed",
    daysAgo: 21,
    org: "company-haihe",
  },
  {
    key: "wall-dalidao",
    community: "sanshengli",
    type: "wall",
    title: "大理道围墙墙体倾斜",
    description: "沿街一段围墙向外倾斜，墙面有裂缝。",
    location: "大理道沿街围墙",
    state: "completed",
    daysAgo: 40,
    org: "school-wudadao",
  },
  {
    key: "sewer-5",
    community: "shaliubeilu",
    type: "sewer",
    title: "5号楼下水道堵塞返味",
    description: "一楼下水道反水，味道很大。",
    location: "5号楼1门",
    state: "fulfilled",
    daysAgo: 6,
    org: "company-haihe",
  },
  {
    key: "streetlight-north",
    community: "shaliubeilu",
    type: "streetlight",
    title: "小区北门路灯不亮",
    description: "北门到菜市场那段路两盏路灯不亮。",
    location: "北门",
    state: "claimed",
    daysAgo: 2,
    org: "company-haihe",
  },
  {
    key: "elevator-3",
    community: "shaliubeilu",
    type: "elevator",
    title: "3号楼电梯经常停在半层",
    description: "电梯这周停了两次，有老人被困过十分钟。",
    location: "3号楼",
    state: "overdue",
    daysAgo: 12,
    org: "company-haihe",
  },
  {
    key: "sanitation-bins",
    community: "shaliubeilu",
    type: "sanitation",
    title: "垃圾分类站周边有散落垃圾",
    description: "周末垃圾站满了没人清，散落一地。",
    location: "东侧垃圾分类站",
    state: "dispatched",
    daysAgo: 0,
    org: "bank-dongxin",
  },
  {
    key: "fire-lane",
    community: "shaliubeilu",
    type: "fire_lane",
    title: "消防通道被电动车占用",
    description: "10号楼后面的消防通道停满电动车和杂物。",
    location: "10号楼后",
    state: "dispatch_overdue",
    daysAgo: 6,
    org: "hospital-dongxin",
  },
  {
    key: "greenery",
    community: "shaliubeilu",
    type: "greenery",
    title: "中心花园树枝压到电线",
    description: "花园里一棵树的枝条搭在电线上，刮风时晃得厉害。",
    location: "中心花园",
    state: "declined",
    daysAgo: 3,
    org: "bank-dongxin",
  },
  {
    key: "noise",
    community: "shaliubeilu",
    type: "noise",
    title: "夜间装修噪声扰民",
    description: "7号楼有住户晚上十点后还在装修。",
    location: "7号楼",
    state: "published",
    daysAgo: 1,
  },
  {
    key: "road",
    community: "shaliubeilu",
    type: "road_surface",
    title: "小区主路有个大坑",
    description: "下雨后积水，骑车容易摔。",
    location: "主路中段",
    state: "pending_review",
    daysAgo: 0,
    byResident: true,
  },
  {
    key: "illegal",
    community: "shaliubeilu",
    type: "illegal_building",
    title: "楼顶加盖彩钢房",
    description: "有住户在楼顶搭了彩钢房。",
    location: "2号楼顶",
    state: "rejected",
    daysAgo: 15,
    byResident: true,
  },
  {
    key: "duplicate",
    community: "shaliubeilu",
    type: "streetlight",
    title: "北门路灯坏了（重复）",
    description: "和网格员报的是同一处。",
    location: "北门",
    state: "withdrawn",
    daysAgo: 2,
    byResident: true,
  },
];

export async function seedDemoProblems(tx: Tx, { passwordHash, now, demoId, email }: Context): Promise<number> {
  const userId = (login: string) => demoId(`user:${login}`);
  const org = (key: string) => demoId(`org:${key}`);
  const orgAdmins: Record<string, string> = { "company-haihe": "qiye", "bank-dongxin": "yinhang", "hospital-dongxin": "yiyuan" };
  // Grid workers (网格员): one per community, each scoped to it.
  const gridWorkers = [
    { login: "wangge", name: "郭晓东", community: "shaliubeilu" },
    { login: "wangge2", name: "冯丽", community: "sanshengli" },
  ];
  await tx.insert(schema.users).values(
    gridWorkers.map((g) => ({
      id: userId(g.login),
      displayName: g.name,
      fullName: g.name,
      email: email(g.login),
      passwordHash,
      isDemo: true,
      homeCommunityId: demoId(`community:${g.community}`),
      createdAt: new Date(now.getTime() - 300 * DAY),
    })),
  );
  await tx.insert(schema.memberships).values(
    gridWorkers.map((g) => ({
      id: demoId(`membership:${g.login}:grid_worker:${g.community}`),
      userId: userId(g.login),
      role: "grid_worker" as const,
      communityId: demoId(`community:${g.community}`),
      createdAt: new Date(now.getTime() - 300 * DAY),
    })),
  );
  const staffOf = { shaliubeilu: "shequ", sanshengli: "shequ2" } as const;
  const gridOf = { shaliubeilu: "wangge", sanshengli: "wangge2" } as const;
  const residentOf = { shaliubeilu: "jumin2", sanshengli: "shequ2" } as const;

  for (const plan of plans) {
    const id = demoId(`problem:${plan.key}`);
    const type = limitsFor(plan.type);
    const reportedAt = new Date(now.getTime() - plan.daysAgo * DAY - 3 * HOUR);
    const poster = plan.byResident ? residentOf[plan.community] : gridOf[plan.community];
    const staff = userId(staffOf[plan.community]);
    const isOpen = ["published", "declined", "dispatched", "dispatch_overdue", "claimed", "overdue", "fulfilled", "completed"].includes(
      plan.state,
    );
    const publishedAt = isOpen ? reportedAt : null;
    const status: NeedRow["status"] =
      (
        {
          declined: "published",
          dispatch_overdue: "dispatched",
          overdue: "claimed",
        } as Record<string, NeedRow["status"]>
      )[plan.state] ?? (plan.state as NeedRow["status"]);
    // The unanswered dispatch went out four days ago (its day to answer has passed); the others two hours after the report.
    const dispatchedAt = plan.state === "dispatch_overdue" ? new Date(now.getTime() - 4 * DAY) : new Date(reportedAt.getTime() + 2 * HOUR);
    const dueAt = addWorkingDays(dispatchedAt, type.resolveDays);
    const acceptedAt = new Date(dispatchedAt.getTime() + HOUR);
    const fulfilledAt =
      status === "fulfilled" || status === "completed" ? new Date(Math.min(dueAt.getTime(), now.getTime()) - 2 * HOUR) : null;
    const completedAt = status === "completed" ? new Date(fulfilledAt!.getTime() + HOUR) : null;
    const orgKey = plan.org ?? "company-haihe";
    const overdueNow = plan.state === "overdue" || plan.state === "dispatch_overdue";
    await tx.insert(schema.needs).values({
      id,
      kind: "problem",
      title: plan.title,
      description: plan.description,
      category: type.category as never,
      communityId: demoId(`community:${plan.community}`),
      status,
      postedByUserId: userId(poster),
      rejectReason: status === "rejected" ? "楼顶加盖属城管执法范围，已转街道综合执法" : null,
      createdAt: reportedAt,
      updatedAt: completedAt ?? reportedAt,
      publishedAt,
      completedAt,
      problemType: plan.type,
      location: plan.location,
      resolveDueAt: publishedAt ? (plan.org || plan.state === "completed" ? dueAt : addWorkingDays(publishedAt, type.resolveDays)) : null,
      escalatedAt: overdueNow ? new Date(now.getTime() - HOUR) : null,
    });
    const dispatched = ["declined", "dispatched", "dispatch_overdue", "claimed", "overdue", "fulfilled", "completed"].includes(plan.state);
    if (!dispatched) continue;
    const admin = userId(orgAdmins[orgKey] ?? `org-${orgKey}`);
    let claimId: string | null = null;
    if (["claimed", "overdue", "fulfilled", "completed"].includes(plan.state)) {
      claimId = demoId(`problem-claim:${plan.key}`);
      await tx.insert(schema.claims).values({
        id: claimId,
        needId: id,
        organisationId: org(orgKey),
        claimedByUserId: admin,
        status: status === "claimed" ? "active" : (status as "fulfilled" | "completed"),
        claimedAt: acceptedAt,
        // The claim's own hold (as every claim's, 14 days); the case's deadline is the dispatch's and the need's.
        dueAt: new Date(acceptedAt.getTime() + 14 * DAY),
        fulfilledAt,
        fulfilmentNote: fulfilledAt ? "已到现场处理完毕，附完工照片。" : null,
        completedAt,
      });
    }
    await tx.insert(schema.dispatches).values({
      id: demoId(`dispatch:${plan.key}`),
      needId: id,
      organisationId: org(orgKey),
      dispatchedByUserId: staff,
      status: plan.state === "declined" ? "declined" : claimId ? "accepted" : "pending",
      note: "请尽快到现场查看处理。",
      createdAt: dispatchedAt,
      acknowledgeDueAt: addWorkingDays(dispatchedAt, type.acknowledgeDays),
      dueAt: plan.state === "overdue" ? new Date(Math.max(acceptedAt.getTime() + HOUR, now.getTime() - DAY)) : dueAt,
      decidedByUserId: plan.state === "declined" || claimId ? admin : null,
      decidedAt: plan.state === "declined" || claimId ? acceptedAt : null,
      declineReason: plan.state === "declined" ? "树枝涉及电力线路，需供电公司处理，我行无此能力" : null,
      claimId,
    });
    if (plan.state === "overdue")
      await tx
        .update(schema.needs)
        .set({ resolveDueAt: new Date(now.getTime() - DAY) })
        .where(eq(schema.needs.id, id));
  }
  return plans.length;
}
