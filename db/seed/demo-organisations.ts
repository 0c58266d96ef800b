// Invented partner organisations. `admin` names the demo login that administers it.
export interface DemoOrganisation {
  key: string;
  type: "bank" | "hospital" | "school" | "company" | "property" | "government" | "social_org" | "volunteer_team";
  name: string;
  street: string;
  description: string;
  admin?: string;
  publicContact?: string;
}

export const demoOrganisations: DemoOrganisation[] = [
  { key: "bank-dongxin", type: "bank", name: "津城银行东新支行", street: "dongxin", admin: "yinhang", publicContact: "东新街道服务网点柜台", description: "扎根东新街道的社区银行网点，提供反诈宣传、社保卡业务和适老化金融服务。" },
  { key: "hospital-dongxin", type: "hospital", name: "东新街社区卫生服务中心", street: "dongxin", admin: "yiyuan", publicContact: "中心服务台", description: "家庭医生签约、慢病随访、上门医疗与健康讲座，服务东新街道全体居民。" },
  { key: "company-haihe", type: "company", name: "海河数智科技有限公司", street: "dongxin", admin: "qiye", description: "科技企业，员工志愿者参与助老数字课堂、设施改造捐赠和便民服务。" },
  { key: "team-hongmajia", type: "volunteer_team", name: "东新街道红马甲志愿服务队", street: "dongxin", admin: "duizhang", description: "由社区党员和热心居民组成，常年开展助老探访、环境清整和便民服务。" },
  { key: "partner01", type: "bank", name: "渤海农商银行万新支行", street: "dongxin", admin: "partner01", description: "开展金融知识进社区、防范电信诈骗宣传和老年人上门办卡服务。" },
  { key: "partner02", type: "hospital", name: "河东区中医医院", street: "dongxin", admin: "partner02", description: "中医义诊、针灸推拿和养生讲座，定期走进社区。" },
  { key: "partner03", type: "school", name: "东新街道实验小学", street: "dongxin", admin: "partner03", description: "开放四点半课堂和课后看护，师生志愿者参与社区文化活动。" },
  { key: "partner04", type: "property", name: "万新物业服务有限公司", street: "dongxin", admin: "partner04", description: "负责多个老旧小区的物业服务，承担公共设施维修和环境维护。" },
  { key: "partner05", type: "government", name: "东新街道综合执法队", street: "dongxin", admin: "partner05", description: "协助社区开展环境整治、交通安全和防汛工作。" },
  { key: "partner06", type: "social_org", name: "益邻社会工作服务中心", street: "dongxin", admin: "partner06", description: "专业社工机构，开展独居老人关爱、心理疏导和困境儿童帮扶。" },
  { key: "partner07", type: "volunteer_team", name: "东新街义务维修队", street: "dongxin", admin: "partner07", description: "退休电工、水暖工组成的维修志愿服务队，上门修灯、修水管、修家电。" },
  { key: "partner08", type: "volunteer_team", name: "邻里和事佬调解志愿服务队", street: "dongxin", admin: "partner08", description: "调解邻里纠纷、家庭矛盾，普及法律常识。" },
  { key: "partner09", type: "company", name: "海河律师事务所", street: "dongxin", admin: "partner09", description: "律师定期到社区坐班，提供免费法律咨询和普法讲座。" },
  { key: "partner10", type: "government", name: "东新街消防救援站", street: "dongxin", admin: "partner10", description: "开展消防演练、烟感报警器安装和消防安全宣传。" },
  { key: "partner11", type: "government", name: "河东区图书馆东新分馆", street: "dongxin", admin: "partner11", description: "流动图书角、科普讲座和亲子阅读活动。" },
  { key: "partner12", type: "social_org", name: "康宁养老服务中心", street: "dongxin", admin: "partner12", description: "社区助餐点、助浴服务和失能老人照护指导。" },
  { key: "partner13", type: "company", name: "鑫达家电维修服务部", street: "dongxin", admin: "partner13", description: "家电维修门店，每月为困难家庭免费检修家电。" },
  { key: "partner14", type: "company", name: "绿意园林绿化工程有限公司", street: "dongxin", admin: "partner14", description: "承接社区绿化养护和口袋公园种植。" },
  { key: "partner15", type: "company", name: "安心保险东新营业部", street: "dongxin", admin: "partner15", description: "开展保险知识讲座和老年人意外险公益赠送。" },
  { key: "partner16", type: "school", name: "河东职业中等专业学校", street: "dongxin", admin: "partner16", description: "学生志愿者提供理发、家电维修等技能服务。" },
  { key: "partner17", type: "hospital", name: "东新街口腔诊所", street: "dongxin", admin: "partner17", description: "口腔健康筛查和老年人义齿维护指导。" },
  { key: "partner18", type: "social_org", name: "海河心理咨询工作室", street: "dongxin", admin: "partner18", description: "心理咨询师为居民提供情绪疏导和心理健康讲座。" },
  { key: "partner19", type: "company", name: "红星美发店", street: "dongxin", admin: "partner19", description: "每月定期为社区高龄老人义务理发。" },
  { key: "partner20", type: "social_org", name: "春晖助残服务社", street: "dongxin", admin: "partner20", description: "为残障居民提供辅具借用、康复训练和无障碍改造咨询。" },
  { key: "team-wudadao", type: "volunteer_team", name: "五大道青年志愿服务队", street: "wudadao", description: "辖区青年和高校学生组成，开展文化讲解、助老和环境志愿服务。" },
  { key: "school-wudadao", type: "school", name: "五大道小学", street: "wudadao", description: "开放校内场地开展周末科普和四点半课堂。" },
  { key: "property-jinmenhu", type: "property", name: "津门湖物业管理有限公司", street: "jinmenhu", description: "新建小区物业，参与社区设施维护和垃圾分类宣传。" },
  { key: "hospital-jinmenhu", type: "hospital", name: "津门湖社区医院", street: "jinmenhu", description: "家庭医生上门和慢病管理服务。" },
  { key: "team-xingnan", type: "volunteer_team", name: "兴南街道志愿服务队", street: "xingnan", description: "街道志愿服务队，开展助老、助残和邻里互助活动。" },
  { key: "school-xingnan", type: "school", name: "兴南中学", street: "xingnan", description: "学生志愿者开展课业辅导和敬老活动。" },
  { key: "team-lushandao", type: "volunteer_team", name: "鲁山道银发志愿服务队", street: "lushandao", description: "低龄老人帮扶高龄老人，开展陪伴和代购服务。" },
  { key: "bank-lushandao", type: "bank", name: "鲁山道城市银行网点", street: "lushandao", description: "金融知识宣传和上门金融服务。" },
];
