// The matcher's domain vocabulary: how residents say things, and the words partners use for them.
// Built from the category examples in categories.json and extended by hand. Add a concept when a
// kind of help keeps being asked for in words the offers do not use; keep cues specific enough that
// they do not fire on unrelated wishes (a cue is a plain substring of the wish's text).
import { categories, type CategoryKey } from "~/modules/categories/categories";

export interface Concept {
  /** Words offers use for it; the first is the query term, the others reach it as synonyms. */
  terms: string[];
  /** How residents put it: a string, or several strings that must all appear. */
  cues: (string | string[])[];
  category: CategoryKey;
}

const curated: Concept[] = [
  // 养老助老
  {
    category: "elderly_care",
    terms: ["助餐", "送餐", "老人家食堂", "配餐", "送餐上门"],
    cues: [
      "吃饭难",
      "送饭",
      "饭菜",
      "食堂",
      "吃不上饭",
      "做不了饭",
      "做饭难",
      "午饭",
      "三餐",
      "助餐",
      "做饭",
      "凑合",
      "一顿饭",
      "订饭",
      "订个饭",
      "订餐",
      "热乎饭",
      "热饭",
      "泡饭",
    ],
  },
  { category: "elderly_care", terms: ["助浴", "上门助浴"], cues: ["洗澡", "洗洗", "擦身", "助浴", "擦洗"] },
  {
    category: "elderly_care",
    terms: ["陪伴聊天", "探访", "陪伴", "结对帮扶"],
    cues: ["说说话", "聊天", "聊聊", "孤单", "寂寞", "空落落", "没人说话", "陪陪", "常来坐坐", "解闷"],
  },
  { category: "elderly_care", terms: ["独居老人", "空巢老人", "独居老人探访"], cues: ["独居", "空巢", "一个人住", "孤寡"] },
  {
    category: "elderly_care",
    terms: ["送药上门", "代购药品", "代购"],
    cues: ["药快吃完", "买药", "拿药", "降压药", "药品", "代买药", "开药", "药吃完"],
  },
  {
    category: "elderly_care",
    terms: ["陪诊", "陪同就医"],
    cues: ["陪着去医院", "陪我去医院", "陪诊", "看病没人陪", "去医院没人", "没人陪", "复查"],
  },
  { category: "elderly_care", terms: ["养老服务", "日间照料"], cues: ["日间照料", "托老", "养老院", "照料"] },
  // 一小关爱
  {
    category: "child_care",
    terms: ["课后看护", "四点半课堂", "课后托管", "托管"],
    cues: ["放学", "没人接", "四点半", "课后", ["没人", "作业"], "双职工"],
  },
  {
    category: "child_care",
    terms: ["暑期托管", "寒假托管", "托管", "兴趣课"],
    cues: ["暑假", "寒假", "放假", ["一个人在家", "孩子"], "假期"],
  },
  {
    category: "child_care",
    terms: ["作业辅导", "课业辅导", "辅导"],
    cues: ["写作业", "功课", "学习跟不上", "补课", "成绩", "辅导", "作业"],
  },
  { category: "child_care", terms: ["课外拓展", "研学", "实践营"], cues: ["课外", "研学", "夏令营", "实践活动"] },
  // 医疗健康
  {
    category: "health",
    terms: ["义诊", "测血压", "测血糖", "健康咨询"],
    cues: ["量血压", "测血糖", "测血压", "体检", "义诊", "查一查", "查查身体", "到社区里来"],
  },
  {
    category: "health",
    terms: ["上门医疗", "上门诊疗", "上门护理", "护理指导", "居家护理"],
    cues: [
      "卧床",
      "瘫",
      "下不了楼",
      ["大夫", "上门"],
      ["医生", "上门"],
      ["大夫", "家里"],
      ["医生", "家里"],
      ["大夫", "来家"],
      ["医生", "来家"],
      ["护士", "上门"],
      ["护士", "家来"],
      "护理",
      "尿管",
      "导尿",
      "胃管",
      "压疮",
      "褥疮",
    ],
  },
  {
    category: "health",
    terms: ["慢病管理", "慢病", "随访", "高血压", "糖尿病"],
    cues: ["血糖", "血压", "糖尿病", "高血压", "化验单", "调药", "慢病", "慢性病"],
  },
  { category: "health", terms: ["家庭医生", "签约", "家医"], cues: ["家庭医生", "签约医生", "家医"] },
  { category: "health", terms: ["急救培训", "心肺复苏", "AED", "急救"], cues: ["急救", "晕倒", "心脏骤停", "除颤", "心肺复苏", "昏倒"] },
  // 维修服务
  {
    category: "repair",
    terms: ["家电维修", "家电", "冰箱", "洗衣机", "电视"],
    cues: ["冰箱", "洗衣机", "电视", "空调", "热水器", "微波炉", "电饭锅", "不制冷", "家电", "油烟机"],
  },
  {
    category: "repair",
    terms: ["水电维修", "换灯泡", "应急维修", "电工", "灯具", "插座"],
    cues: ["灯不亮", "灯坏", "修灯", "换灯泡", "灯泡", "跳闸", "插座", "电线", "漏电", "懂电", "电工", "开关坏", "灯口", "灯管"],
  },
  {
    category: "repair",
    terms: ["水管漏水", "水电维修", "管道疏通"],
    cues: ["漏水", "滴水", "水管", "水龙头", "下水道", "堵了", "马桶堵", "疏通", "马桶", "水箱", "关不严", "滴答"],
  },
  { category: "repair", terms: ["修纱窗", "纱窗"], cues: ["纱窗", "蚊子"] },
  {
    category: "repair",
    terms: ["修修补补", "加固家具", "家具维修"],
    cues: ["凳子", "椅子腿", "桌子", "柜门", "家具", "床板", "松了", "晃得"],
  },
  { category: "repair", terms: ["修自行车"], cues: ["自行车", "车胎", "车链", "三轮车"] },
  { category: "repair", terms: ["开锁换锁", "门锁维修"], cues: ["门锁", "锁坏", "锁芯", "钥匙丢"] },
  // 法律调解
  {
    category: "legal",
    terms: ["矛盾调解", "调解", "邻里纠纷", "家庭矛盾"],
    cues: [
      "吵架",
      "吵起来",
      "说和",
      "闹矛盾",
      "纠纷",
      "中间人",
      "扯皮",
      "矛盾",
      "婆媳",
      "闹僵",
      "动静太大",
      "噪音",
      "打官腔",
      "伤了和气",
      "伤和气",

      "评理",
      "闹翻",
      "分房",
      "不来往",
    ],
  },
  {
    category: "legal",
    terms: ["法律咨询", "法律援助", "普法", "律师"],
    cues: [
      "律师",
      "打官司",
      "合同",
      "遗嘱",
      "继承",
      "欠钱",
      "欠薪",
      "讨薪",
      "起诉",
      "法律",
      "赡养",
      "房产证",
      "房子的事",
      "身后",
      "后事",
      "过户",
      "财产",
    ],
  },
  // 金融服务
  {
    category: "finance",
    terms: ["反诈宣传", "防范电信诈骗", "防骗", "电信诈骗"],
    cues: [
      "骗子",
      "被骗",
      "诈骗",
      "骗钱",
      "冻结",
      "转账",
      "打钱",
      "保健品",
      "推销",
      "陌生电话",
      "骗",
      "投资",
      "集资",
      "高利息",
      "投钱",
      "房本",
      "抵押",
      "以房养老",
    ],
  },
  { category: "finance", terms: ["社保卡更换", "社保卡", "第三代社保卡"], cues: ["社保卡", "医保卡换", "换卡"] },
  {
    category: "finance",
    terms: ["金融知识", "手机支付"],
    cues: ["扫码", "手机支付", "微信支付", "支付宝", "付款", "取钱", "理财", "存钱", "网银"],
  },
  { category: "finance", terms: ["小微企业融资", "贷款"], cues: ["贷款", "融资", "周转", "小店"] },
  // 环境美化
  { category: "environment", terms: ["垃圾分类", "桶站值守", "入户宣传"], cues: ["垃圾", "分类", "厨余", "乱扔"] },
  {
    category: "environment",
    terms: ["环境清整", "清理堆物", "卫生死角"],
    cues: ["堆物", "杂物", "脏乱", "清理", "清扫", "打扫", "卫生死角", "没人清扫"],
  },
  {
    category: "environment",
    terms: ["绿化养护", "补植", "树木修剪"],
    cues: ["草坪", "绿地", "树枝", "大树", "秃了", "花草", "种花", "补种", "绿化"],
  },
  { category: "environment", terms: ["宠物粪便", "文明养犬"], cues: ["狗粪", "狗屎", "遛狗", "养狗", "宠物", "养犬"] },
  // 设施改造
  { category: "infrastructure", terms: ["口袋公园", "微改造"], cues: ["小公园", "口袋公园", "小广场"] },
  {
    category: "infrastructure",
    terms: ["路面维修", "沟盖板", "井盖", "步道"],
    cues: ["坑坑洼洼", "路面", "裂缝", "井盖", "坑洼", "绊倒", "沟盖", "地面"],
  },
  { category: "infrastructure", terms: ["座椅更换", "座椅"], cues: ["长椅", "座椅", "椅子坏", "木条断", "没地方坐"] },
  { category: "infrastructure", terms: ["健身器材"], cues: ["健身器材", "锻炼器材", "健身"] },
  {
    category: "infrastructure",
    terms: ["路灯", "照明", "庭院灯"],
    cues: ["路灯", "两盏灯", "黑灯瞎火", "太黑", "照明", "天一黑", "灯也不亮"],
  },
  { category: "infrastructure", terms: ["电梯扶手", "助老设施", "电梯"], cues: ["电梯"] },
  {
    category: "infrastructure",
    terms: ["基础设施维修", "老旧小区", "台阶", "围墙"],
    cues: ["台阶", "围墙", "院墙", "楼道", "外墙", "屋顶", "老楼", "塌"],
  },
  // 平安消防
  {
    category: "safety",
    terms: ["烟感报警器", "火灾报警", "燃气"],
    cues: ["报警器", "烟感", "忘关火", "报警的设备", "燃气", "煤气", "怪味", "灶", "天然气", "漏气"],
  },
  { category: "safety", terms: ["消防安全", "消防演练", "灭火器"], cues: ["灭火器", "着火", "火灾", "逃生", "电暖器", "消防", "失火"] },
  { category: "safety", terms: ["交通安全", "电动车", "安全头盔"], cues: ["头盔", "闯红灯", "交警", "电动车", "过马路", "车祸", "交通"] },
  {
    category: "safety",
    terms: ["防汛", "沙袋", "排水"],
    cues: ["暴雨", "积水", "进水", "灌水", "汛期", "内涝", "排水", "淹", "漫进", "倒灌", "雨季", "抽水"],
  },
  { category: "safety", terms: ["治安巡逻", "平安巡逻"], cues: ["小偷", "被偷", "巡逻", "治安", "陌生人"] },
  // 文化科普
  { category: "culture", terms: ["图书角", "捐书", "阅读"], cues: ["书架", "看书", "借书", "图书", "读书", "看报"] },
  { category: "culture", terms: ["科普讲座", "科普", "科技"], cues: ["科技", "科普", "航模", "天文", "机器人", "科学"] },
  { category: "culture", terms: ["无人机", "航拍"], cues: ["无人机", "航拍", "飞机", "航模"] },
  {
    category: "culture",
    terms: ["文艺演出", "文艺", "演出"],
    cues: ["演出", "唱歌", "跳舞", "文艺", "晚会", "节目", "合唱", "广场舞", "戏曲", "京剧"],
  },
  { category: "culture", terms: ["书法绘画", "书法", "绘画", "美术"], cues: ["书法", "毛笔", "画画", "国画", "绘画", "美术"] },
  // 心理关怀
  {
    category: "mental_health",
    terms: ["心理咨询", "情绪疏导", "心理关怀", "谈心", "心理疏导"],
    cues: [
      "心情",
      "情绪",
      "想不开",
      "抑郁",
      "睡不着",
      "失眠",
      "不爱说话",
      "开导",
      "焦虑",
      "压力大",
      "丧偶",
      "闷在家",
      "心理",
      "关屋里",
      "叛逆",
      "厌学",
      "唉声叹气",
      "变了个人",
      "闷闷不乐",
      "发脾气",
      "熬垮",
      "撑不下去",

      "想哭",
      "崩溃",
      "产后抑郁",
    ],
  },
  // 便民服务
  { category: "daily_life", terms: ["义务理发", "上门理发", "理发"], cues: ["理发", "剪头", "剪头发", "头发长", "头发", "剪一剪"] },
  { category: "daily_life", terms: ["磨刀剪", "磨剪子", "戗菜刀"], cues: ["菜刀", "剪子", "剪刀", "磨刀", "钝了", "不快了"] },
  { category: "daily_life", terms: ["修雨伞"], cues: ["雨伞"] },
  {
    category: "daily_life",
    terms: ["便民市集", "送货上门", "代购", "年货"],
    cues: ["买菜", "拎不动", "提不动", "年货", "市集", "送上楼", "买东西", "采购"],
  },
  { category: "daily_life", terms: ["家政服务", "保洁"], cues: ["打扫卫生", "保洁", "擦玻璃", "家政"] },
  // 助残服务
  { category: "disability", terms: ["轮椅", "辅具借用", "助行器", "辅具"], cues: ["轮椅", "拐杖", "拐棍", "助行器", "辅具"] },
  {
    category: "disability",
    terms: ["无障碍改造", "扶手", "适老化", "坡道"],
    cues: ["扶手", "坡道", "起身", "滑倒", "无障碍", "适老化", "扶的地方"],
  },
  { category: "disability", terms: ["康复", "康复指导"], cues: ["康复", "中风", "偏瘫", "残疾", "复健"] },
  // Added after reading residents' wishes in other wording (kept general: each is a kind of help).
  {
    category: "elderly_care",
    terms: ["防走失", "走失", "失智老人"],
    cues: ["走丢", "走失", "没找回来", "找不回来", "迷路", "认不得路", "记性", "糊涂", "痴呆", "失智"],
  },
  {
    category: "elderly_care",
    terms: ["一键呼叫", "紧急呼叫", "呼叫器"],
    cues: ["无人知晓", "没人知道", "呼救", "喊不应", "突发", "紧急呼叫"],
  },
  { category: "child_care", terms: ["托育", "婴幼儿照护", "托班"], cues: ["婴幼儿", "托育", "太小", "一岁", "两岁", "没人带", "托班"] },
  { category: "health", terms: ["助听器", "听力"], cues: ["耳朵背", "耳背", "听不见", "听不清", "打岔", "助听", "耳聋"] },
  {
    category: "health",
    terms: ["眼科筛查", "白内障", "视力"],
    cues: ["看不清", "看东西", "眼花", "模糊", "白内障", "青光眼", "眼睛", "视力"],
  },
  {
    category: "health",
    terms: ["中医理疗", "针灸", "推拿"],
    cues: ["腰疼", "腰痛", "颈椎", "针灸", "推拿", "膏药", "老寒腿", "关节疼", "腿疼", "肩膀", "肩周炎", "扎针", "艾灸", "风湿"],
  },
  { category: "health", terms: ["上门换药", "伤口护理"], cues: ["换药", "刀口", "伤口", "拆线"] },
  { category: "health", terms: ["新生儿访视", "产后访视"], cues: ["坐月子", "刚生完孩子", "新生儿", "产后", "月子", "脐带", "奶水"] },
  { category: "repair", terms: ["屋面防水", "防水补漏"], cues: ["漏雨", "洇水", "渗水", "屋顶", "顶楼", "天花板", "墙皮"] },
  { category: "repair", terms: ["家电清洗", "油烟机清洗"], cues: ["油烟机", "空调", "清洗"] },
  {
    category: "legal",
    terms: ["欠薪维权", "讨薪", "法律援助"],
    cues: ["工钱", "欠薪", "讨薪", "没拿着钱", "拖欠", "包工头", "老板跑了", "工资"],
  },
  { category: "finance", terms: ["养老金资格认证", "资格认证"], cues: ["认证", "养老金", "退休金", "刷脸"] },
  { category: "finance", terms: ["零钱兑换", "残损币"], cues: ["零钱", "钢镚", "硬币", "残币", "整钱"] },
  { category: "environment", terms: ["小广告清理", "墙面粉刷"], cues: ["小广告", "乱贴", "乱画", "涂鸦"] },
  { category: "environment", terms: ["旧衣物回收", "旧衣回收"], cues: ["旧衣服", "旧衣物", "衣物", "旧衣"] },
  { category: "safety", terms: ["防溺水", "游泳安全"], cues: ["野泳", "溺水", "游泳", "河边", "下河"] },
  { category: "safety", terms: ["电动车充电", "充电桩"], cues: ["充电", "飞线"] },
  { category: "culture", terms: ["智能手机", "手机课堂"], cues: ["手机", "微信", "视频通话", "挂号", "发语音"] },
  { category: "daily_life", terms: ["修鞋", "配钥匙"], cues: ["鞋跟", "皮鞋", "修鞋", "拉链", "配钥匙"] },
  { category: "repair", terms: ["门窗维修", "门窗密封"], cues: ["窗户", "漏风", "窗框", "木窗", "门窗", "玻璃碎"] },
  { category: "environment", terms: ["流浪猫", "流浪动物"], cues: ["野猫", "流浪猫", "流浪狗", "野狗"] },
  { category: "legal", terms: ["租房纠纷", "法律咨询"], cues: ["房租", "租户", "房东", "押金", "租房"] },
  {
    category: "daily_life",
    terms: ["居家保洁", "擦玻璃", "家政服务"],
    cues: [["窗户", "擦"], ["窗户", "脏"], "擦玻璃", "擦窗", "大扫除", "油污", "太脏"],
  },
  {
    category: "finance",
    terms: ["适老化金融服务", "上门金融服务", "爱心窗口", "上门取款"],
    cues: ["银行", "网点", "柜台", "存单", "存折", "银行卡", "工资卡", "密码", "取款", "挂失"],
  },
  {
    category: "health",
    terms: ["口腔", "口腔义诊", "牙科"],
    cues: ["假牙", "牙疼", "牙痛", "牙齿", "牙花", "牙龈", "口腔", "镶牙", "补牙", "拔牙", "蛀牙", "牙口"],
  },
];

/**
 * Everyday wording of kinds of help already in the vocabulary, by the concept's first term: how
 * residents, their children and grid workers name the same thing (symptoms, objects, what went
 * wrong), kept apart from the concepts so each addition is one line to review.
 */
const moreCues: Record<string, (string | string[])[]> = {
  助餐: ["做不动饭", "老年餐", "吃口热", "饭堂", "伙食", "送个饭", "订午饭", "吃不好饭", "顿顿"],
  助浴: ["洗不了澡", "搓澡", "擦澡", "没洗澡", "洗个澡", "澡堂", "浴室"],
  陪伴聊天: ["唠嗑", "唠唠", "闷得慌", "说话的人", "陪着说", "没人陪着", "陪老人", "想念"],
  送药上门: ["取药", "拿点药", "配药", "药没了", "断药"],
  陪诊: ["陪着看病", "陪他去医院", "陪她去医院", "陪去医院", "陪同去", "跑医院", "做检查", "复诊", "住院", "做胃镜", "做手术", "挂号排队"],
  养老服务: ["护工", "伺候", "照顾不过来", "白天没人照看", "白天没人"],
  课后看护: ["放学没人管", "下班晚", "接孩子", "没人接送", "接送孩子"],
  作业辅导: ["数学", "英语", "语文", "不及格", "跟不上", "考试", "网课"],
  上门医疗: ["打针", "输液", "吊瓶", "出诊", "来家看看", "上门看病", "换尿管", "鼻饲"],
  慢病管理: ["血压高", "血糖高", "降糖", "胰岛素", "吃药控制", "慢性"],
  家电维修: [
    "电扇",
    "风扇",
    "电视机",
    "冰柜",
    "电磁炉",
    "电水壶",
    "抽油烟机",
    "吸油烟机",
    "不转",
    "不加热",
    "不出热水",
    "不制热",
    "没图像",
    "没声音",
    "电器",
  ],
  水电维修: ["没电", "电闸", "保险丝", "短路", "插头", "冒火花", "灯不着", "灯不亮", "灯闪"],
  水管漏水: ["地漏", "返味", "返水", "冒水", "下水", "水漫", "堵住"],
  开锁换锁: ["锁不上", "反锁", "门打不开", "钥匙断", "锁头"],
  矛盾调解: ["楼上楼下", ["装修", "吵"], "占道", "吵闹", "不讲理", "说不通", "闹别扭"],
  法律咨询: ["官司", "欠条", "借条", "离婚", "抚养费", "赔偿", "工伤", "拆迁", "维权", "讨说法", "告他", "法院", "公证"],
  反诈宣传: ["上当", "中奖", "冒充", "公检法", "刷单", "验证码", "假客服", "退款", "转钱", "理财产品"],
  金融知识: ["存款", "利息", "银行卡", "养老钱"],
  环境清整: ["臭味", "发臭", "老鼠", "蟑螂"],
  绿化养护: ["树杈", "枯树", "歪了的树", "挡光", "挡窗户", "树叶"],
  路面维修: ["积水坑", "路不平", "崴脚", "摔跟头"],
  路灯: ["黑咕隆咚", "黑乎乎", "摸黑", "看不见路"],
  基础设施维修: ["楼梯", "掉皮", "墙皮脱落", "单元门", "楼门", "防盗门"],
  烟感报警器: ["煤气味", "液化气", "煤气罐", "燃气灶", "灶台"],
  防汛: ["下大雨", "淹了", "雨水", "泡了"],
  治安巡逻: ["丢东西", "撬", "可疑", "不安全"],
  心理咨询: ["不想活", "郁闷", "心里堵", "烦躁", "憋屈", "走不出来", "没精神", "心事", "想不通", "自闭"],
  义务理发: ["剃头", "推子", "剪短", "理个发", "头发太长"],
  便民市集: ["买不了菜", "买菜难", "扛不动", "拿不动", "捎点"],
  家政服务: ["收拾屋子", "收拾家", "做保洁", "钟点工", "保姆", "打扫"],
  轮椅: ["坐轮椅", "助行", "走路费劲"],
  无障碍改造: ["防滑", "摔倒", "摔了", "摔跤", "坐便", "蹲不下", "起不来", "台阶高"],
  康复: ["脑梗", "脑出血", "脑血栓", "术后", "骨折", "不利索", "半身不遂", "手脚不灵", "恢复训练", "锻炼恢复"],
  防走失: ["老糊涂", "找不着家", "认不得人", "犯糊涂"],
  助听器: ["耳朵不好", "听力下降", "大点声"],
  眼科筛查: ["看不见", "眼睛花", "视物"],
  中医理疗: ["腰酸", "腿麻", "手麻", "落枕", "浑身疼"],
  智能手机: ["不会用手机", "健康码", "抖音", "打车", "手机上", "智能机"],
  养老金资格认证: ["领不了钱", "停发", "年审"],
  居家保洁: ["擦窗户", "收拾屋子"],
};

/** Kinds of help residents ask for that the concepts above did not name. */
const added: Concept[] = [
  {
    category: "daily_life",
    terms: ["代办", "帮办代办", "政策咨询"],
    cues: ["代办", "办手续", "办证", "开证明", "跑手续", "跑腿", "填表", "补贴", "低保", "申请表", "不会填"],
  },
  {
    category: "daily_life",
    terms: ["搬运", "搬家", "搬运帮忙"],
    cues: ["搬不动", "搬东西", "搬家", "搬一下", "抬不动", "扛上楼", "搬上楼", "搬下楼", "挪一下", "挪不动"],
  },
  { category: "daily_life", terms: ["送水", "桶装水"], cues: ["桶装水", "送水", "扛水", "水桶"] },
  { category: "elderly_care", terms: ["喘息服务", "照护者支持"], cues: ["喘口气", "照顾得累", "累垮", "熬不住", "替换一下", "轮换"] },
  { category: "health", terms: ["健康讲座", "健康教育", "养生"], cues: ["养生", "保健知识", "健康知识", "健康讲座"] },
  { category: "disability", terms: ["助残", "残疾人服务"], cues: ["残疾证", "残疾人", "盲人", "聋哑", "智力障碍", "肢残"] },
  { category: "child_care", terms: ["亲子活动", "儿童活动"], cues: ["亲子", "带孩子玩", "孩子玩", "周末带"] },
];

/** Each category example is a concept of its own: its word is both the cue and the term. */
const fromCategories: Concept[] = categories.flatMap((c) =>
  c.examples_zh.map((word) => ({ category: c.key as CategoryKey, terms: [word], cues: [word] })),
);

for (const key of Object.keys(moreCues))
  if (!curated.some((c) => c.terms[0] === key)) throw new Error(`vocabulary: more cues for ${key}, which names no concept`);
const widened = curated.map((c) => (moreCues[c.terms[0]!] ? { ...c, cues: [...c.cues, ...moreCues[c.terms[0]!]!] } : c));

export const concepts: Concept[] = [...widened, ...added, ...fromCategories];

/** Words that mean the same thing both ways (everyday and official wording). */
export const synonymGroups: string[][] = [
  ["医生", "大夫"],
  ["老人", "老年人", "长者", "老年", "高龄老人"],
  ["孩子", "小孩", "儿童", "小朋友", "小学生"],
  ["理发", "剪发", "剪头发"],
  ["绘画", "美术", "画画"],
  ["家庭医生", "家医"],
  ["维修", "修理", "检修"],
  ["送餐", "送饭"],
  ["探访", "探望"],
  ["独居老人", "空巢老人"],
  ["纠纷", "矛盾"],
  ["电动车", "电瓶车", "电动自行车"],
  ["头盔", "安全帽"],
  ["心理咨询", "心理疏导"],
  ["托管", "看护"],
  ["作业辅导", "课业辅导"],
  ["义诊", "免费看病"],
  ["失能", "卧床", "瘫痪"],
];

/**
 * Cues that say how the person is rather than what they ask for: a concept evoked by these alone is
 * context (a bedridden man asking for a haircut wants a haircut, not a nurse).
 */
export const conditionCues = new Set(["卧床", "瘫", "下不了楼", "独居", "空巢", "一个人住", "孤寡", "行动不便"]);

/** Words too common in wishes to say anything about which offer fits. */
export const stopWords = new Set([
  "想",
  "找",
  "找人",
  "帮忙",
  "帮",
  "有没有",
  "需要",
  "希望",
  "能不能",
  "一下",
  "我们",
  "他们",
  "家里",
  "社区",
  "小区",
  "居民",
  "大家",
  "问问",
  "听说",
  "这儿",
  "那边",
  "时候",
  "现在",
  "平时",
  "每次",
  "好几",
  "一个",
  "两个",
  "好久",
  "老伴",
  "老头",
  "老头子",
  "孩子们",
  "闺女",
  "儿子",
  "儿女",
  "婆婆",
  "老两口",
  "师傅",
  "志愿者",
  "有人",
  "人手",
  "服务",
  "活动",
  "附近",
  "地方",
  "上门",
  "下楼",
  "出门",
  "心里",
  "不敢",
  "不太会",
  "弄",
  "搞",
  "请",
]);
