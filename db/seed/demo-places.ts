// Real place names, invented people and organisations (shared/DEMO.md).
interface DemoCommunity {
  key: string;
  name: string;
  lat: number;
  lng: number;
}
interface DemoStreet extends DemoCommunity {
  communities: DemoCommunity[];
}

export const demoPlaces: { district: string; streets: DemoStreet[] }[] = [
  {
    district: "河东区",
    streets: [
      {
        key: "dongxin",
        name: "东新街道",
        lat: 39.1112,
        lng: 117.2768,
        communities: [
          { key: "shaliubeilu", name: "沙柳北路社区", lat: 39.1135, lng: 117.2712 },
          { key: "yihongxili", name: "倚虹西里社区", lat: 39.1094, lng: 117.2801 },
          { key: "fengqili", name: "凤岐里社区", lat: 39.1124, lng: 117.2761 },
          { key: "quxizhongli", name: "曲溪中里社区", lat: 39.1071, lng: 117.2745 },
          { key: "yuancuidongli", name: "远翠东里社区", lat: 39.1152, lng: 117.2823 },
        ],
      },
      {
        key: "lushandao",
        name: "鲁山道街道",
        lat: 39.1198,
        lng: 117.2436,
        communities: [
          { key: "lushanli", name: "鲁山里社区", lat: 39.1205, lng: 117.2419 },
          { key: "longfengli", name: "龙峰里社区", lat: 39.1183, lng: 117.2462 },
        ],
      },
    ],
  },
  {
    district: "和平区",
    streets: [
      {
        key: "wudadao",
        name: "五大道街道",
        lat: 39.1097,
        lng: 117.1965,
        communities: [
          { key: "sanshengli", name: "三盛里社区", lat: 39.1103, lng: 117.1968 },
          { key: "chaoyangli", name: "朝阳里社区", lat: 39.1082, lng: 117.1991 },
        ],
      },
    ],
  },
  {
    district: "西青区",
    streets: [
      {
        key: "jinmenhu",
        name: "津门湖街道",
        lat: 39.0602,
        lng: 117.1893,
        communities: [
          { key: "jinaoguoji", name: "金奥国际社区", lat: 39.0618, lng: 117.1876 },
          { key: "shuixiyuan", name: "水西园社区", lat: 39.0587, lng: 117.1924 },
        ],
      },
    ],
  },
  {
    district: "南开区",
    streets: [
      {
        key: "xingnan",
        name: "兴南街道",
        lat: 39.1208,
        lng: 117.1612,
        communities: [
          { key: "yuandeli", name: "源德里社区", lat: 39.1221, lng: 117.1597 },
          { key: "xinyuancun", name: "新园村社区", lat: 39.1189, lng: 117.1638 },
        ],
      },
    ],
  },
];

export const surnames = Array.from(
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段",
);
export const givenNames = [
  "建国",
  "秀英",
  "桂兰",
  "玉梅",
  "淑珍",
  "志强",
  "海燕",
  "丽华",
  "文博",
  "子涵",
  "雨桐",
  "宇航",
  "欣怡",
  "浩然",
  "思远",
  "俊杰",
  "晓东",
  "春花",
  "国华",
  "玉兰",
  "明",
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "超",
  "霞",
  "平",
  "刚",
  "桂英",
  "振华",
  "凤英",
  "立新",
  "淑兰",
  "德胜",
  "美玲",
  "嘉怡",
  "一鸣",
];
