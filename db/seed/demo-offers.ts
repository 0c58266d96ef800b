// Offer templates by category; the seed assigns them to organisations whose type fits.
export interface OfferTemplate {
  category: string;
  title: string;
  description: string;
  tags: string[];
  types: string[];
}

export const offerTemplates: OfferTemplate[] = [
  { category: "elderly_care", title: "独居老人定期探访", description: "志愿者每周上门探访独居和高龄老人，陪伴聊天，了解生活困难并及时反馈社区。", tags: ["探访", "陪伴聊天", "独居老人"], types: ["volunteer_team", "social_org"] },
  { category: "elderly_care", title: "老年助餐送餐服务", description: "社区助餐点提供营养午餐，行动不便的老人可预约送餐上门。", tags: ["助餐", "送餐", "老年人"], types: ["social_org", "company"] },
  { category: "elderly_care", title: "助浴上门服务", description: "为失能、半失能老人提供上门助浴，配备专业护理员和防滑设备。", tags: ["助浴", "失能老人"], types: ["social_org"] },
  { category: "elderly_care", title: "代购药品和日用品", description: "为行动不便的老人代购常用药品、米面油等日用品并送货上门。", tags: ["代购", "送药", "日用品"], types: ["volunteer_team", "company"] },
  { category: "child_care", title: "四点半课堂", description: "放学后为双职工家庭的孩子提供课后看护和作业辅导，每天16:30至18:30。", tags: ["四点半课堂", "课后看护", "作业辅导"], types: ["school", "volunteer_team"] },
  { category: "child_care", title: "暑期托管班", description: "暑假期间开设托管班，安排阅读、手工、体育活动。", tags: ["暑期托管", "青少年"], types: ["school", "social_org"] },
  { category: "health", title: "家庭医生上门随访", description: "家庭医生为慢病老人上门测血压血糖、调整用药、解读化验单。", tags: ["上门医疗", "慢病管理", "家庭医生"], types: ["hospital"] },
  { category: "health", title: "社区义诊", description: "每月一次专家义诊，提供健康咨询、中医把脉和用药指导。", tags: ["义诊", "健康咨询"], types: ["hospital"] },
  { category: "health", title: "急救技能培训", description: "心肺复苏和AED使用培训，面向居民和楼门长。", tags: ["急救培训", "AED"], types: ["hospital", "government"] },
  { category: "repair", title: "上门家电维修", description: "免费检修电视、冰箱、洗衣机等家电，只收取必要零件成本。", tags: ["家电维修", "上门维修"], types: ["company", "volunteer_team", "school"] },
  { category: "repair", title: "水电应急维修", description: "灯泡更换、水管漏水、电路跳闸等小修小补，接到需求48小时内上门。", tags: ["换灯泡", "水管漏水", "应急维修"], types: ["volunteer_team", "property"] },
  { category: "repair", title: "纱窗门锁更换", description: "为老旧小区居民更换破损纱窗、门锁和门把手。", tags: ["纱窗", "门锁"], types: ["property", "volunteer_team"] },
  { category: "legal", title: "律师社区坐班咨询", description: "律师每周到社区坐班，解答赡养、继承、房屋租赁等法律问题。", tags: ["法律咨询", "普法"], types: ["company", "social_org"] },
  { category: "legal", title: "邻里纠纷调解", description: "调解员上门调解噪音、漏水、停车等邻里矛盾。", tags: ["矛盾调解", "邻里纠纷"], types: ["volunteer_team", "government"] },
  { category: "finance", title: "防范电信诈骗宣传", description: "银行工作人员到社区讲解常见诈骗手法，帮助老人识别可疑电话和短信。", tags: ["反诈宣传", "金融知识"], types: ["bank"] },
  { category: "finance", title: "社保卡上门办理", description: "为行动不便的老人上门办理社保卡更换、激活和密码重置。", tags: ["社保卡更换", "上门服务"], types: ["bank"] },
  { category: "finance", title: "老年人智能手机支付课堂", description: "教老人使用手机支付、防范支付风险。", tags: ["金融知识", "智能手机"], types: ["bank", "company"] },
  { category: "environment", title: "楼道环境清整", description: "组织志愿者清理楼道堆物、小广告和卫生死角。", tags: ["环境清整", "楼道"], types: ["volunteer_team", "property", "government"] },
  { category: "environment", title: "社区绿化养护", description: "修剪树木、补种花草，维护社区公共绿地。", tags: ["绿化养护", "补种"], types: ["company", "property"] },
  { category: "environment", title: "垃圾分类入户宣传", description: "入户讲解垃圾分类，指导居民正确投放。", tags: ["垃圾分类", "宣传"], types: ["property", "volunteer_team"] },
  { category: "infrastructure", title: "口袋公园微改造", description: "利用边角空地建设口袋公园，提供设计、铺装和座椅安装。", tags: ["口袋公园", "微改造", "座椅更换"], types: ["company", "property"] },
  { category: "infrastructure", title: "健身器材捐赠安装", description: "捐赠并安装室外健身器材，定期检修。", tags: ["健身器材"], types: ["company", "bank"] },
  { category: "infrastructure", title: "楼道扶手和路灯维修", description: "为老旧楼道加装扶手，维修损坏的路灯。", tags: ["电梯扶手", "路灯", "路面维修"], types: ["property", "government"] },
  { category: "safety", title: "烟感报警器免费安装", description: "为独居老人和高龄家庭免费安装独立式烟感报警器。", tags: ["烟感报警器", "消防安全"], types: ["government"] },
  { category: "safety", title: "消防演练进社区", description: "组织居民开展消防疏散演练和灭火器使用培训。", tags: ["消防演练", "灭火器"], types: ["government"] },
  { category: "safety", title: "汛期防汛巡查", description: "汛期巡查低洼地段和地下室，协助转移物资。", tags: ["防汛", "巡查"], types: ["government", "volunteer_team"] },
  { category: "culture", title: "社区图书角", description: "为社区捐建图书角，定期更换图书并组织阅读活动。", tags: ["图书角", "阅读"], types: ["government", "school", "company"] },
  { category: "culture", title: "科普讲座进社区", description: "围绕健康、科技、安全等主题开展科普讲座。", tags: ["科普讲座"], types: ["government", "school", "hospital"] },
  { category: "culture", title: "文艺演出慰问", description: "节日期间组织文艺演出走进社区，慰问老人。", tags: ["文艺演出", "慰问"], types: ["school", "volunteer_team"] },
  { category: "mental_health", title: "心理咨询与情绪疏导", description: "心理咨询师提供一对一谈心和情绪疏导，关注空巢老人和困境家庭。", tags: ["心理咨询", "情绪疏导", "谈心"], types: ["social_org", "hospital"] },
  { category: "daily_life", title: "义务理发", description: "每月为高龄和行动不便的老人免费理发，可上门服务。", tags: ["义务理发", "上门理发"], types: ["company", "school", "volunteer_team"] },
  { category: "daily_life", title: "磨刀磨剪子便民服务", description: "每月在社区广场设摊磨刀、修伞、配钥匙。", tags: ["磨刀剪", "便民服务"], types: ["volunteer_team"] },
  { category: "daily_life", title: "便民市集", description: "组织便民市集，提供平价蔬菜、日用品和维修服务。", tags: ["市集", "便民"], types: ["company", "government"] },
  { category: "disability", title: "轮椅辅具借用", description: "免费借用轮椅、助行器、坐便椅，并提供使用指导。", tags: ["轮椅", "辅具借用", "康复"], types: ["social_org", "hospital"] },
  { category: "disability", title: "居家无障碍改造", description: "为残障和失能家庭加装扶手、坡道，改造卫生间。", tags: ["无障碍改造"], types: ["social_org", "property"] },
];
