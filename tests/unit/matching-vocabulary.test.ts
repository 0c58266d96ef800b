// The vocabulary's breadth: everyday wording of the kinds of help it knows reaches their concepts,
// new kinds of help are named, and wording that only resembles a cue does not fire.
import { describe, expect, it } from "vitest";
import { buildQuery, conceptKeysOf } from "~/modules/matching/query-builder.server";
import { concepts } from "~/modules/matching/vocabulary";

describe("vocabulary breadth", () => {
  it("reads objects and symptoms as the kind of help they call for", () => {
    expect(conceptKeysOf("家里电扇不转了")).toContain("家电维修");
    expect(conceptKeysOf("我爸脑梗以后左手不利索")).toContain("康复");
    expect(conceptKeysOf("老太太在卫生间摔了一跤，想装个扶手防滑")).toContain("无障碍改造");
    expect(conceptKeysOf("接到冒充公检法的电话让转钱")).toContain("反诈宣传");
    expect(conceptKeysOf("楼道里黑咕隆咚的")).toContain("路灯");
    expect(conceptKeysOf("客厅的灯一闪一闪的，看电视晃眼")).toContain("水电维修");
    expect(conceptKeysOf("说是公安局的，让我把存款转到安全账户配合调查")).toContain("反诈宣传");
  });

  it("reads a broken phone as a repair, not a phone class, and 出面 as a call for mediation", () => {
    expect(conceptKeysOf("手机上周摔了，屏幕裂得很厉害")).toContain("手机维修");
    expect(conceptKeysOf("想学学手机怎么发语音")).not.toContain("手机维修");
    expect(conceptKeysOf("楼上装修天天砸墙，社区能不能出面协调一下")).toContain("矛盾调解");
  });

  it("tells a broken computer from a computer class, and neighbours' noise at night from sleeplessness", () => {
    expect(conceptKeysOf("台式电脑一按开关就灭，开不了机")).toContain("电脑维修");
    expect(conceptKeysOf("电脑老弹广告，是不是中毒了")).toContain("电脑维修");
    expect(conceptKeysOf("退休了想学学用电脑，打打字")).toEqual(expect.arrayContaining(["电脑培训"]));
    expect(conceptKeysOf("退休了想学学用电脑，打打字")).not.toContain("电脑维修");
    expect(conceptKeysOf("楼上天天半夜拉椅子，咚咚的")).toContain("矛盾调解");
    expect(conceptKeysOf("老伴走了以后我晚上老睡不着")).not.toContain("矛盾调解");
    // A card is a social-security card only when called so: a lost bank card is not.
    expect(conceptKeysOf("建行卡丢了，卡里有退休金")).not.toContain("社保卡更换");
    expect(conceptKeysOf("电话说我医保卡被冻结了，让转钱")).toContain("反诈宣传");
  });

  it("names new residents' paperwork and rest points for outdoor workers", () => {
    expect(conceptKeysOf("刚来天津打工，孩子上学得有居住证")).toContain("新市民");
    expect(conceptKeysOf("环卫工夏天中午没地方歇脚喝水")).toContain("户外劳动者");
  });

  it("names kinds of help the first concepts did not", () => {
    expect(conceptKeysOf("不会填表，想找人帮着办手续")).toContain("代办");
    expect(conceptKeysOf("新买的柜子搬不动，谁能帮忙扛上楼")).toContain("搬运");
  });

  it("keeps everyday wording of a kind of help on that concept's query term", () => {
    const query = buildQuery({ title: "电风扇不转了", description: "天太热，想找人修一修。", category: null });
    expect(query.terms[0]?.term).toBe("家电维修");
    expect(query.category).toBe("repair");
  });

  it("does not read a word that merely contains a short cue as that kind of help", () => {
    // 心脏 holds no cleaning cue, 邻居 is no quarrel, 考虑 is no exam.
    expect(conceptKeysOf("邻居大姐心脏不好，我们在考虑搬家的事")).not.toContain("环境清整");
    expect(conceptKeysOf("邻居大姐心脏不好")).not.toContain("矛盾调解");
    // A lost wage card (工资卡) is a banking matter, not unpaid wages.
    expect(conceptKeysOf("老伴儿的工资卡丢了，想挂失")).not.toContain("欠薪维权");
    expect(conceptKeysOf("干了三个月，老板一直不给工资")).toContain("欠薪维权");
  });

  it("knows the home-care package's own words (助洁) for the help a resident calls cleaning", () => {
    const homeCare = concepts.find((c) => c.terms[0] === "家政服务" && c.terms.includes("助洁"));
    expect(homeCare).toBeDefined();
    expect(conceptKeysOf("想找人每周上门给打扫一次")).toContain("家政服务");
  });

  it("knows jobs, heating, pests, insurance paperwork, rides to hospital, singing and dancing", () => {
    expect(conceptKeysOf("厂子黄了，想在家附近找个活儿干")).toContain("就业服务");
    expect(conceptKeysOf("48岁被裁员了，听说街道能推荐工作")).toContain("就业服务");
    expect(conceptKeysOf("想学个电工考个证")).toContain("职业技能培训");
    expect(conceptKeysOf("暖气片上边热下边凉")).toContain("暖气");
    // A homophone slip of a vocabulary word (暖器片 for 暖气片) reaches it too.
    expect(conceptKeysOf("卧室那组暖器片一直不热")).toContain("暖气");
    expect(conceptKeysOf("厨房章螂太多了")).toContain("消杀");
    expect(conceptKeysOf("要去闺女那住半年，一地就医被案怎么弄")).toContain("医保");
    expect(conceptKeysOf("老伴一星期三回透析，没人送")).toContain("就医接送");
    expect(conceptKeysOf("年轻时候在宣传队领唱，现在还想唱歌")).toContain("合唱");
    expect(conceptKeysOf("我妈想出去跟大伙跳跳民族舞")).toContain("广场舞");
  });

  it("knows ID cards (身分证 too), seniors' schools, exercise, vaccines, foot care and disability day care", () => {
    expect(conceptKeysOf("我妈身分证过期了，她瘫在床上")).toContain("身份证");
    expect(conceptKeysOf("退休了想上老年大学学书法")).toContain("老年大学");
    expect(conceptKeysOf("想找人一起打打太极")).toContain("太极拳");
    expect(conceptKeysOf("老人想打流感疫苗")).toContain("疫苗接种");
    expect(conceptKeysOf("脚指甲太厚了自己剪不动")).toContain("修脚");
    expect(conceptKeysOf("我哥是智力残疾，白天没地方去")).toContain("助残");
    expect(conceptKeysOf("附近有没有老年饭桌")).toContain("助餐");
  });

  it("reads a wish naming the service itself (申请送餐) as asking for it; an offer's jargon is read by cues alone", () => {
    const query = buildQuery({ title: "帮独居王大爷申请送餐", description: "老人能自己吃饭，就是不方便出门买菜做饭。", category: null });
    expect(query.terms.find((t) => t.term === "助餐")?.primary).toBe(true);
    // 代购 is a term of the medicine run, yet a grocery run's offer saying 代购 does not evoke it.
    expect(conceptKeysOf("生活超市代购米面油")).not.toContain("送药上门");
  });

  it("does not read what the resident says they do not need as asked", () => {
    const query = buildQuery({ title: "孩子放学没人管作业", description: "不需要补课，有人付导一下、看着点就行。", category: null });
    expect(query.terms.map((t) => t.term)).not.toContain("补课");
    expect(query.terms.map((t) => t.term)).toContain("作业辅导");
  });

  it("knows school refusal, outdoor workers' rest points, health-insurance codes and who to ask for damages", () => {
    expect(conceptKeysOf("儿子初三了，这学期不想去学校，天天关屋里")).toContain("厌学");
    expect(conceptKeysOf("我是扫马路的，中午想找个地方热饭")).toContain("户外劳动者");
    expect(conceptKeysOf("医保电子凭证老是刷脸刷不上")).toContain("智能手机");
    expect(conceptKeysOf("楼上漏水泡了我家顶棚，该找谁赔")).toContain("法律咨询");
    expect(conceptKeysOf("老伴去世以后他基本不出门了")).toContain("心理咨询");
  });

  it("has one first term per concept group it widens (a misspelt key would fail at load)", () => {
    const keys = concepts.map((c) => c.terms[0]);
    expect(keys).toContain("代办");
    expect(concepts.find((c) => c.terms[0] === "家电维修")?.cues).toContain("电扇");
  });
});
