// Need templates: residents write colloquially and often pick no category.
export interface NeedTemplate {
  kind: "micro_wish" | "need" | "project";
  category: string | null;
  title: string;
  description: string;
  items?: { title: string; category: string }[];
  thanks?: string;
}

export const microWishTemplates: NeedTemplate[] = [
  {
    kind: "micro_wish",
    category: "repair",
    title: "厨房灯坏了，想请人帮忙换",
    description: "厨房的灯管不亮了，老伴腿脚不好爬不了梯子，想请人帮忙换一下。",
    thanks: "师傅来得很及时，灯亮了，心里也亮堂了，谢谢！",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "孩子放学后没人管",
    description: "我和爱人都上班到六点多，孩子三点半就放学了，想找个地方让孩子写作业。",
  },
  {
    kind: "micro_wish",
    category: "elderly_care",
    title: "想请人帮忙买菜送上门",
    description: "我一个人住，膝盖做完手术下楼不方便，想每周有人帮忙买两次菜。",
    thanks: "志愿者小姑娘每次都挑最新鲜的菜，太贴心了。",
  },
  {
    kind: "micro_wish",
    category: "health",
    title: "老伴的降压药快吃完了",
    description: "老伴中风后下不了楼，降压药只剩三天的量，孩子都在外地，想找人帮忙买药送到家。",
  },
  { kind: "micro_wish", category: null, title: "卫生间水管一直滴水", description: "卫生间水管接口一直滴水，地上老是湿的，怕老人滑倒。" },
  {
    kind: "micro_wish",
    category: "daily_life",
    title: "想理个发",
    description: "我今年八十六了，走不动路，头发长了很久没理，想请人上门理发。",
    thanks: "理完发精神多了，谢谢小伙子们！",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "不会用手机挂号",
    description: "医院现在都要手机预约，我不会弄，想有人教教我怎么在手机上挂号。",
  },
  {
    kind: "micro_wish",
    category: "finance",
    title: "社保卡坏了要换新卡",
    description: "社保卡芯片读不出来了，我腿脚不方便去银行，能不能上门帮忙办一下。",
    thanks: "银行的同志专门上门来办卡，太感谢了。",
  },
  {
    kind: "micro_wish",
    category: "disability",
    title: "想借一辆轮椅",
    description: "老伴摔了一跤，医生说要静养，出门复查需要轮椅，想借用两个月。",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "家里电视没有信号了",
    description: "电视突然没信号了，老头子每天就爱看个新闻，想请人帮忙看看。",
    thanks: "电视修好了，老伴又能看新闻了。",
  },
  {
    kind: "micro_wish",
    category: "mental_health",
    title: "老伴走后心里空落落的",
    description: "老伴去年走了，孩子在外地，我整天一个人，晚上睡不着，想找人说说话。",
  },
  {
    kind: "micro_wish",
    category: "safety",
    title: "想装个烟雾报警器",
    description: "我记性不好，有一次煮粥忘了关火，想在厨房装个烟雾报警器。",
    thanks: "消防站的同志装好报警器，还教我怎么试，放心多了。",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "窗户纱窗破了蚊子多",
    description: "纱窗破了好几个洞，晚上蚊子太多了，想请人帮忙换个纱窗。",
  },
  {
    kind: "micro_wish",
    category: "legal",
    title: "房子过户的事想咨询一下",
    description: "老伴去世后房子要过户，手续不清楚，想找律师问问怎么办。",
  },
  {
    kind: "micro_wish",
    category: "elderly_care",
    title: "想找人陪我去医院复查",
    description: "下周要去医院复查，孩子请不了假，想找个志愿者陪我一起去。",
    thanks: "志愿者全程陪着，挂号缴费都帮着跑，谢谢。",
  },
  { kind: "micro_wish", category: null, title: "洗衣机不转了", description: "洗衣机通电了但是不转，冬天手洗衣服太冷了，请帮忙修一修。" },
  {
    kind: "micro_wish",
    category: "child_care",
    title: "暑假孩子想找个托管班",
    description: "暑假孩子一个人在家玩手机，想找个有人看着、能读书做手工的地方。",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "想学学怎么防电话诈骗",
    description: "最近老接到说我医保卡有问题的电话，心里害怕，想有人讲讲怎么识别骗子。",
  },
  {
    kind: "micro_wish",
    category: "culture",
    title: "希望楼里能有些书看",
    description: "退休在家想多看看书，图书馆太远了，希望社区能有个借书的地方。",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "楼道灯不亮，晚上看不见台阶",
    description: "我们单元三楼的楼道灯坏了半个月，晚上上下楼看不见台阶，老人很危险。",
  },
  {
    kind: "micro_wish",
    category: "health",
    title: "想量量血压血糖",
    description: "最近老是头晕，想请医生上门给我测测血压血糖，看看要不要调药。",
    thanks: "家庭医生上门测了血压，还调整了用药，非常感谢。",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "菜刀剪子钝了",
    description: "家里菜刀和剪子都钝了，切菜费劲，听说有磨刀的志愿服务，想请帮忙磨一磨。",
  },
  {
    kind: "micro_wish",
    category: "elderly_care",
    title: "想洗个澡但一个人不敢",
    description: "我八十多岁了，一个人在家洗澡怕摔倒，想请人帮忙助浴。",
  },
  {
    kind: "micro_wish",
    category: null,
    title: "邻居家装修太吵了",
    description: "楼上装修每天早上七点就开始砸墙，跟他们说了也不听，想请社区帮忙调解。",
  },
];

export const communityNeedTemplates: NeedTemplate[] = [
  {
    kind: "need",
    category: "infrastructure",
    title: "楼门口台阶破损需修补",
    description: "小区5号楼门口台阶塌陷一角，老人进出需扶墙，雨天更危险，需要修补并加装扶手。",
  },
  {
    kind: "need",
    category: "environment",
    title: "小区绿地需要补种养护",
    description: "中心绿地部分草坪枯死、树木缺乏修剪，需要补种和日常养护。",
  },
  {
    kind: "need",
    category: "safety",
    title: "独居老人家庭安装烟感报警器",
    description: "社区登记的独居老人家庭中还有约三十户没有烟感报警器，需要统一安装。",
  },
  {
    kind: "need",
    category: "culture",
    title: "社区活动室需要图书角",
    description: "社区活动室有空间，但缺少书架和图书，希望共建单位支持建一个图书角。",
  },
  {
    kind: "need",
    category: "health",
    title: "需要定期开展健康义诊",
    description: "社区老年人多，慢病患者多，希望每月有一次义诊和健康讲座。",
  },
  {
    kind: "need",
    category: "finance",
    title: "开展防范电信诈骗宣传",
    description: "近期辖区老人接到诈骗电话增多，需要银行等单位来社区开展反诈宣传。",
  },
  {
    kind: "need",
    category: "elderly_care",
    title: "助餐点需要送餐志愿者",
    description: "社区助餐点每天有二十多位老人需要送餐上门，送餐人手不够。",
  },
  {
    kind: "need",
    category: "child_care",
    title: "双职工家庭课后看护",
    description: "社区不少双职工家庭孩子放学无人照看，需要开办四点半课堂。",
  },
  { kind: "need", category: "environment", title: "楼道堆物清理", description: "老旧楼道堆放杂物多，存在消防隐患，需要组织清理。" },
  {
    kind: "need",
    category: "legal",
    title: "社区法律咨询坐班",
    description: "居民常有赡养、继承、租房方面的法律问题，希望律师定期坐班解答。",
  },
  {
    kind: "need",
    category: "disability",
    title: "残障居民家庭无障碍改造",
    description: "社区有几户残障居民家庭卫生间和门口需要加装扶手和坡道。",
  },
  {
    kind: "need",
    category: "daily_life",
    title: "高龄老人上门理发",
    description: "社区八十岁以上老人中有十几位行动不便，需要定期上门理发。",
  },
];

export const projectTemplates: NeedTemplate[] = [
  {
    kind: "project",
    category: "infrastructure",
    title: "沙柳北路口袋公园改造",
    description: "把小区东侧闲置空地改造为口袋公园，包括路面修补、健身器材安装和绿化种植，每项可由不同伙伴认领。",
    items: [
      { title: "路面修补铺装", category: "infrastructure" },
      { title: "健身器材捐赠安装", category: "infrastructure" },
      { title: "绿化种植与养护", category: "environment" },
    ],
  },
  {
    kind: "project",
    category: "elderly_care",
    title: "适老化楼道改造项目",
    description: "为老旧楼道加装扶手、维修楼道灯，并在每个单元设置休息座椅。",
    items: [
      { title: "楼道扶手加装", category: "infrastructure" },
      { title: "楼道灯维修更换", category: "repair" },
      { title: "单元休息座椅", category: "infrastructure" },
    ],
  },
  {
    kind: "project",
    category: "culture",
    title: "社区睦邻书房建设",
    description: "在社区活动室建设睦邻书房：书架和图书、阅读灯具、志愿者值守。",
    items: [
      { title: "书架和图书捐赠", category: "culture" },
      { title: "阅读区灯具改造", category: "repair" },
      { title: "周末值守志愿者", category: "culture" },
    ],
  },
];

export const activityTemplates = [
  { category: "elderly_care", title: "敬老院陪伴探访", skills: ["陪伴聊天"], location: "社区养老驿站" },
  { category: "environment", title: "周末楼道环境清整", skills: ["环境清整"], location: "小区各楼门" },
  { category: "daily_life", title: "便民服务日：理发磨刀修家电", skills: ["理发", "维修"], location: "社区广场" },
  { category: "health", title: "健康义诊志愿服务", skills: ["引导", "测血压"], location: "社区卫生服务站" },
  { category: "safety", title: "消防安全入户宣传", skills: ["宣传"], location: "社区各楼门" },
  { category: "child_care", title: "四点半课堂助教", skills: ["作业辅导"], location: "社区活动室" },
  { category: "culture", title: "社区图书角整理与阅读推广", skills: ["图书整理"], location: "社区图书角" },
  { category: "environment", title: "垃圾分类指导值守", skills: ["宣传"], location: "小区垃圾分类站" },
  { category: "finance", title: "反诈宣传志愿服务", skills: ["宣传"], location: "社区服务中心" },
  { category: "elderly_care", title: "助餐点送餐服务", skills: ["送餐"], location: "社区助餐点" },
];
