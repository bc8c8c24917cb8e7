// Fixed vocabulary of the sample: what a county-level 12345 centre in Jiangsu sees. Everything here
// is synthetic; the area names are the district's real ones (see $lib/schema/townships).

/** `LOCAL` in a handler list means the office of the ticket's own township (属地管理). */
export const LOCAL = '属地';

export interface SecondLevel {
  first: string;
  second: string;
  /** Popularity relative to the other second-level classes. */
  weight: number;
  /** Candidate handling units, the first the most frequent. */
  handlers: readonly string[];
  /** Third level and the problem a caller describes under it. */
  thirds: readonly (readonly [name: string, problem: string])[];
}

const L = LOCAL;

export const CATEGORY_TREE: readonly SecondLevel[] = [
  { first: '城乡建设', second: '住房保障', weight: 6, handlers: ['区住建局', L], thirds: [
    ['物业管理', '小区物业服务不到位，公共区域卫生长期无人打扫'],
    ['房屋维修', '老旧小区房屋漏水、外墙瓷砖脱落存在安全隐患'],
    ['公租房', '公租房申请提交多时审核仍无结果'] ] },
  { first: '城乡建设', second: '房地产市场', weight: 3, handlers: ['区住建局'], thirds: [
    ['商品房交付', '新建商品房逾期交付且墙面开裂、渗水'],
    ['不动产登记', '购房多年仍未办理不动产权证'],
    ['房产中介', '房产中介收费不透明、存在虚假房源'] ] },
  { first: '城乡建设', second: '建筑施工', weight: 3, handlers: ['区住建局', '区城管局'], thirds: [
    ['夜间施工', '工地夜间施工噪音扰民，影响居民休息'],
    ['工地扬尘', '建筑工地未覆盖裸土，扬尘污染严重'],
    ['施工安全', '施工现场围挡缺失，安全防护措施不到位'] ] },
  { first: '城乡建设', second: '燃气管理', weight: 2, handlers: ['燃气公司', '区住建局'], thirds: [
    ['燃气安全', '楼道内闻到燃气味，怀疑管道泄漏'],
    ['燃气收费', '燃气表计量异常，本月燃气费明显偏高'],
    ['燃气报装', '新房燃气开通报装办理缓慢'] ] },
  { first: '城市管理', second: '市容环境', weight: 6, handlers: ['区城管局', L], thirds: [
    ['占道经营', '流动摊贩占道经营，影响行人和车辆通行'],
    ['垃圾清运', '生活垃圾清运不及时，垃圾桶满溢异味严重'],
    ['违规广告', '墙面、电线杆上违规张贴小广告'] ] },
  { first: '城市管理', second: '违法建设', weight: 3, handlers: [L, '区城管局'], thirds: [
    ['违法搭建', '有住户在公共区域违法搭建建筑物'],
    ['楼顶加盖', '顶楼住户违规加盖阳光房'],
    ['侵占绿地', '有人毁绿种菜、侵占公共绿地'] ] },
  { first: '城市管理', second: '市政设施', weight: 4, handlers: ['区城管局', '区住建局'], thirds: [
    ['路灯故障', '路灯损坏多日不亮，夜间出行不便'],
    ['窨井盖', '窨井盖破损缺失，存在安全隐患'],
    ['道路破损', '道路路面破损坑洼，雨天积水'] ] },
  { first: '城市管理', second: '园林绿化', weight: 1, handlers: ['区城管局'], thirds: [
    ['树木修剪', '行道树枝叶遮挡住户采光和道路视线'],
    ['绿地养护', '绿化带疏于养护，杂草丛生'],
    ['树木倒伏', '大风后树木倒伏阻碍交通'] ] },
  { first: '城市管理', second: '停车管理', weight: 2, handlers: ['区城管局', '区公安分局'], thirds: [
    ['乱停乱放', '车辆乱停乱放，堵塞消防通道'],
    ['停车收费', '停车场收费标准不公示、收费不规范'],
    ['充电设施', '小区安装电动汽车充电桩受阻'] ] },
  { first: '生态环境', second: '大气污染', weight: 2, handlers: ['区生态环境局'], thirds: [
    ['企业废气', '附近企业排放刺鼻废气'],
    ['秸秆焚烧', '田间焚烧秸秆，烟雾弥漫'],
    ['餐饮油烟', '餐饮店油烟直排，影响楼上住户'] ] },
  { first: '生态环境', second: '水污染', weight: 2, handlers: ['区生态环境局', '区水利局'], thirds: [
    ['河道污染', '河道水质发黑发臭，水面漂浮垃圾'],
    ['污水直排', '有单位将污水直排入河'],
    ['养殖污染', '养殖场废水外溢污染周边沟渠'] ] },
  { first: '生态环境', second: '噪声污染', weight: 3, handlers: ['区生态环境局', '区公安分局', L], thirds: [
    ['生活噪声', '广场舞音响声音过大，影响周边居民'],
    ['工业噪声', '工厂夜间生产噪声扰民'],
    ['商业噪声', '商铺使用高音喇叭招揽顾客'] ] },
  { first: '生态环境', second: '固体废物', weight: 1, handlers: ['区生态环境局', '区城管局'], thirds: [
    ['建筑垃圾', '建筑垃圾被随意倾倒在路边空地'],
    ['危废处置', '企业危险废物堆放处置不规范'],
    ['垃圾分类', '小区垃圾分类设施不完善，混装混运'] ] },
  { first: '劳动保障', second: '劳动关系', weight: 5, handlers: ['区人社局'], thirds: [
    ['拖欠工资', '单位拖欠工资数月未发'],
    ['劳动合同', '入职多月单位未签订劳动合同'],
    ['经济补偿', '被解除劳动关系后未获经济补偿'] ] },
  { first: '劳动保障', second: '社会保险', weight: 3, handlers: ['区人社局', '区医保局'], thirds: [
    ['养老保险', '养老保险缴费年限核定有误'],
    ['工伤保险', '工伤认定申请迟迟没有结果'],
    ['失业保险', '失业保险金申领遇到困难'] ] },
  { first: '劳动保障', second: '就业创业', weight: 1, handlers: ['区人社局'], thirds: [
    ['就业补贴', '就业补贴申请后未到账'],
    ['职业培训', '职业技能培训补贴发放不及时'],
    ['创业扶持', '创业担保贷款办理手续繁琐'] ] },
  { first: '市场监管', second: '食品安全', weight: 3, handlers: ['区市场监管局'], thirds: [
    ['过期食品', '超市销售过期食品'],
    ['餐饮卫生', '餐饮店后厨卫生条件差'],
    ['无证经营', '无证经营的食品摊点长期存在'] ] },
  { first: '市场监管', second: '消费维权', weight: 5, handlers: ['区市场监管局'], thirds: [
    ['预付卡', '预付卡商家关门，余额无法退还'],
    ['商品质量', '所购商品存在质量问题，商家拒绝退换'],
    ['售后服务', '商家拒不履行三包义务'] ] },
  { first: '市场监管', second: '价格监管', weight: 1, handlers: ['区市场监管局', '区发改委'], thirds: [
    ['价格欺诈', '商品标价与结算价格不符'],
    ['乱收费', '收取未公示的额外费用'],
    ['医药价格', '药店药品价格明显偏高'] ] },
  { first: '市场监管', second: '特种设备', weight: 1, handlers: ['区市场监管局'], thirds: [
    ['电梯故障', '小区电梯频繁故障，多次困人'],
    ['电梯维保', '电梯维保记录造假、维保不到位'],
    ['气瓶安全', '餐饮店液化气瓶存放不规范'] ] },
  { first: '交通运输', second: '公共交通', weight: 2, handlers: ['公交公司', '区交通运输局'], thirds: [
    ['公交线路', '公交班次太少，等车时间过长'],
    ['公交服务', '公交司机服务态度差、不按站停靠'],
    ['站点设置', '公交站台缺少候车亭'] ] },
  { first: '交通运输', second: '道路运输', weight: 1, handlers: ['区交通运输局'], thirds: [
    ['出租车', '出租车拒载、绕路多收费'],
    ['网约车', '网约车平台乱收费、司机态度差'],
    ['货车超载', '超载货车损坏乡村道路'] ] },
  { first: '交通运输', second: '交通设施', weight: 2, handlers: ['区公安分局', '区交通运输局'], thirds: [
    ['信号灯', '路口红绿灯故障或配时不合理'],
    ['标志标线', '道路交通标志标线模糊不清'],
    ['道路施工', '道路施工封闭未设绕行提示'] ] },
  { first: '交通运输', second: '交通秩序', weight: 1, handlers: ['区公安分局'], thirds: [
    ['上下学拥堵', '学校门口上下学时段交通拥堵'],
    ['电动车管理', '电动自行车上牌办理不便'],
    ['渣土车', '渣土车抛洒滴漏、超速行驶'] ] },
  { first: '公用事业', second: '供水', weight: 3, handlers: ['自来水公司'], thirds: [
    ['停水', '突然停水且事先没有通知'],
    ['水压不足', '高峰时段自来水水压不足'],
    ['水质', '自来水发黄、有异味'] ] },
  { first: '公用事业', second: '供电', weight: 3, handlers: ['供电公司'], thirds: [
    ['停电', '近期频繁停电，影响生活'],
    ['电压不稳', '家中电压不稳，电器无法正常使用'],
    ['电费', '电费金额异常偏高'] ] },
  { first: '公用事业', second: '通信', weight: 1, handlers: ['中国移动海门分公司', '中国电信海门分公司', '中国联通海门分公司'], thirds: [
    ['信号覆盖', '家中手机信号差，经常无法接通'],
    ['宽带故障', '宽带故障报修后多日无人上门'],
    ['资费争议', '被扣取未订购的增值业务费用'] ] },
  { first: '教育卫生', second: '学校教育', weight: 3, handlers: ['区教体局'], thirds: [
    ['入学政策', '子女入学学区划分和报名材料'],
    ['校外培训', '培训机构违规开展学科类培训'],
    ['校园安全', '学校周边存在安全隐患'] ] },
  { first: '教育卫生', second: '医疗服务', weight: 2, handlers: ['区卫健委'], thirds: [
    ['服务态度', '医院工作人员服务态度差'],
    ['医疗纠纷', '治疗效果不佳，与医院产生纠纷'],
    ['预防接种', '疫苗接种预约困难'] ] },
  { first: '教育卫生', second: '医疗保障', weight: 2, handlers: ['区医保局'], thirds: [
    ['医保报销', '医保报销比例和流程不清楚'],
    ['异地就医', '异地就医备案办理遇到困难'],
    ['城乡居民医保', '城乡居民医保缴费出现问题'] ] },
  { first: '教育卫生', second: '托育养老', weight: 1, handlers: ['区民政局', '区卫健委'], thirds: [
    ['养老机构', '养老机构服务质量差、收费高'],
    ['托育服务', '托育机构资质存疑'],
    ['高龄津贴', '高龄津贴未按时发放'] ] },
  { first: '民政事务', second: '社会救助', weight: 2, handlers: ['区民政局', L], thirds: [
    ['低保', '家庭困难申请低保未获批准'],
    ['临时救助', '因病致困急需临时救助'],
    ['残疾人补贴', '残疾人两项补贴未按时发放'] ] },
  { first: '民政事务', second: '婚姻殡葬', weight: 1, handlers: ['区民政局'], thirds: [
    ['婚姻登记', '婚姻登记预约号源紧张'],
    ['殡葬管理', '有人在农田散埋乱葬'],
    ['公墓管理', '公墓管理费收费不合理'] ] },
  { first: '民政事务', second: '退役军人', weight: 1, handlers: ['区退役军人事务局'], thirds: [
    ['优抚待遇', '优抚待遇发放标准有疑问'],
    ['就业安置', '退役后就业安置未落实'],
    ['光荣牌', '光荣牌悬挂工作未落实'] ] },
  { first: '农业农村', second: '农业生产', weight: 1, handlers: ['区农业农村局'], thirds: [
    ['农资质量', '购买的种子、化肥疑似假冒'],
    ['农业补贴', '耕地地力保护补贴未到账'],
    ['动物防疫', '附近养殖户病死畜禽处理不当'] ] },
  { first: '农业农村', second: '土地管理', weight: 2, handlers: ['区自然资源和规划局', L], thirds: [
    ['征地补偿', '征地补偿款发放不到位'],
    ['违法占地', '有人违法占用耕地建房'],
    ['宅基地', '宅基地审批进度缓慢'] ] },
  { first: '农业农村', second: '农村事务', weight: 2, handlers: [L, '区农业农村局'], thirds: [
    ['村务公开', '村务、财务长期不公开'],
    ['土地流转', '土地流转租金未按约支付'],
    ['农村道路', '村组道路破损，雨天出行困难'] ] },
  { first: '农业农村', second: '水利设施', weight: 1, handlers: ['区水利局', L], thirds: [
    ['河道疏浚', '河道淤积严重需要疏浚'],
    ['防汛排涝', '暴雨后道路和农田积水排不出去'],
    ['农田灌溉', '灌溉渠道损坏无法放水'] ] },
  { first: '公共安全', second: '治安管理', weight: 2, handlers: ['区公安分局'], thirds: [
    ['户籍办理', '户口迁移办理手续咨询'],
    ['治安隐患', '夜间有人聚集滋事'],
    ['电信诈骗', '接到疑似诈骗电话'] ] },
  { first: '公共安全', second: '安全生产', weight: 1, handlers: ['区应急管理局'], thirds: [
    ['企业安全', '企业生产车间存在安全隐患'],
    ['危化品', '私自储存、销售危险化学品'],
    ['非法加油点', '路边非法流动加油点'] ] },
  { first: '公共安全', second: '消防安全', weight: 1, handlers: ['区消防救援大队', L], thirds: [
    ['消防通道', '消防通道被杂物、车辆长期占用'],
    ['电动车充电', '居民楼道内给电动车充电'],
    ['消防设施', '小区消防栓无水、灭火器过期'] ] },
  { first: '政务服务', second: '政务办事', weight: 2, handlers: ['区行政审批局', '区数据局'], thirds: [
    ['办事效率', '窗口办事排队时间长、效率低'],
    ['证照办理', '营业执照办理材料要求不明确'],
    ['网上办事', '政务服务网上办事平台无法登录'] ] },
  { first: '政务服务', second: '税费', weight: 1, handlers: ['区税务局'], thirds: [
    ['个人所得税', '个人所得税汇算清缴退税未到账'],
    ['发票', '商家拒开发票'],
    ['社保费缴纳', '灵活就业人员社保费缴纳渠道'] ] },
  { first: '政务服务', second: '住房公积金', weight: 1, handlers: ['区住房公积金中心'], thirds: [
    ['公积金提取', '住房公积金提取被拒'],
    ['公积金贷款', '公积金贷款审批时间过长'],
    ['公积金缴存', '单位未按规定缴存住房公积金'] ] },
  { first: '经济管理', second: '营商环境', weight: 1, handlers: ['区商务局', '区发改委', '区工信局'], thirds: [
    ['惠企政策', '惠企政策资金兑现进度'],
    ['企业用工', '企业招工难、用工成本高'],
    ['企业用地', '企业扩产用地指标落实困难'] ] },
  { first: '文化旅游', second: '文体旅游', weight: 1, handlers: ['区文广旅局'], thirds: [
    ['文化活动', '社区文化活动场地不足'],
    ['旅游投诉', '景区服务质量差、收费不合理'],
    ['体育设施', '公园健身器材损坏无人维修'] ] },
];

/** The ~30 units whose policy specialists answer enterprise requests. */
export const ENTERPRISE_UNITS = [
  '区税务局', '区人社局', '区市场监管局', '区地方金融服务中心', '人民银行海门支行', '区科技局',
  '区商务局', '区自然资源和规划局', '区住建局', '区生态环境局', '供电公司', '区工信局', '区发改委',
  '区行政审批局', '区财政局', '区应急管理局', '区交通运输局', '区水利局', '区城管局', '区公安分局',
  '自来水公司', '燃气公司', '区数据局', '区司法局', '区医保局', '区统计局', '南通海关海门办事处',
  '区市场监管局知识产权科', '海门工业园区管委会', '区总工会',
] as const;

export const POLICY_AREAS: readonly (readonly [area: string, weight: number, units: readonly string[]])[] = [
  ['税务', 18, ['区税务局', '区财政局']],
  ['人社', 16, ['区人社局', '区医保局', '区总工会']],
  ['市场监管', 12, ['区市场监管局', '区市场监管局知识产权科']],
  ['金融', 9, ['区地方金融服务中心', '人民银行海门支行']],
  ['科技', 7, ['区科技局', '区工信局']],
  ['商务', 7, ['区商务局', '南通海关海门办事处']],
  ['自然资源', 6, ['区自然资源和规划局']],
  ['住建', 6, ['区住建局', '区城管局']],
  ['生态环境', 5, ['区生态环境局']],
  ['水电气', 5, ['供电公司', '自来水公司', '燃气公司', '区水利局']],
  ['行政审批', 5, ['区行政审批局', '区数据局', '海门工业园区管委会']],
  ['安全生产', 3, ['区应急管理局', '区公安分局']],
  ['交通物流', 2, ['区交通运输局']],
  ['法律服务', 2, ['区司法局']],
  ['统计', 1, ['区统计局', '区发改委']],
];

/** Where a township's own office appears as the handling unit. */
export function townshipOffice(township: string, kind: string): string {
  if (kind === '街道') return `${township}办事处`;
  if (kind === '园区') return `${township}管委会`;
  return `${township}人民政府`;
}

export const CHANNELS: readonly (readonly [channel: string, share: number])[] = [
  ['电话', 0.6], ['微信', 0.12], ['APP', 0.06], ['网站', 0.05], ['短信', 0.02], ['信件', 0.005],
  ['省市交办', 0.12], ['110非警务', 0.025],
];

/** Request type, its share, and how often the hotline answers it itself without dispatch. */
export const REQUEST_TYPES: readonly (readonly [type: string, share: number, directShare: number])[] = [
  ['咨询', 0.36, 0.6], ['求助', 0.24, 0.22], ['投诉', 0.25, 0.1], ['举报', 0.05, 0.03],
  ['建议', 0.05, 0.3], ['表扬', 0.02, 0.7], ['其他', 0.03, 0.5],
];

export const EXIT_REASONS = ['涉法涉诉', '行政复议', '恶意举报', '非受理事项'] as const;

/**
 * Persistent differences between areas, so that rankings have something to find: the share of
 * call-backs that end satisfied and the share of dispatched tickets closed in time.
 */
export const TOWNSHIP_TRAITS: Readonly<Record<string, { satisfied: number; onTime: number; enterprise: number }>> = {
  海门街道: { satisfied: 0.935, onTime: 0.93, enterprise: 0.06 },
  三厂街道: { satisfied: 0.95, onTime: 0.95, enterprise: 0.07 },
  滨江街道: { satisfied: 0.92, onTime: 0.92, enterprise: 0.07 },
  常乐镇: { satisfied: 0.96, onTime: 0.96, enterprise: 0.06 },
  悦来镇: { satisfied: 0.975, onTime: 0.97, enterprise: 0.05 },
  四甲镇: { satisfied: 0.945, onTime: 0.94, enterprise: 0.07 },
  余东镇: { satisfied: 0.93, onTime: 0.93, enterprise: 0.06 },
  正余镇: { satisfied: 0.885, onTime: 0.9, enterprise: 0.05 },
  包场镇: { satisfied: 0.955, onTime: 0.95, enterprise: 0.05 },
  临江镇: { satisfied: 0.925, onTime: 0.92, enterprise: 0.1 },
  海永镇: { satisfied: 0.965, onTime: 0.96, enterprise: 0.04 },
  海门工业园区: { satisfied: 0.94, onTime: 0.94, enterprise: 0.32 },
};

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤施';
export const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国玲红文辉斌波宇浩凯健俊帆帅旭宁龙林欣晨雪峰云莉琳婷海燕兰晓春梅志新亮成荣飞鹏鑫彬丹萍倩慧颖佳蕾玉凤';

/** Stems for synthetic village, community, road and enterprise names. */
export const PLACE_STEMS = [
  '东兴', '新华', '永安', '长江', '和平', '幸福', '红旗', '光明', '富民', '民主', '建设', '向阳', '团结',
  '复兴', '兴隆', '德胜', '万年', '育才', '通海', '江心', '沙洲', '海洪', '聚星', '东海', '三阳', '刘浩',
  '货隆', '王浩', '六甲', '树勋', '汤家', '麒麟', '天补', '城北', '秀山', '解放', '江海', '青龙', '常南',
  '新河', '南港', '北渡', '西郊', '中兴', '仁和', '福安', '广济', '安庆', '瑞丰', '丰利', '清河', '金沙',
  '银杏', '桃园', '芦荡', '青墩', '宏伟', '庆丰', '明星', '平安', '友谊', '振兴', '长兴', '利民', '新安',
  '红星', '七一', '先锋', '曙光', '联合', '富强', '新海', '临海', '海滨', '江滨', '龙腾', '凤鸣', '星火',
];

export const ROAD_SUFFIXES = ['路', '大道', '街', '北路', '南路', '东路', '西路'] as const;
export const ESTATE_SUFFIXES = ['花园', '新村', '家园', '小区', '苑', '名邸', '公寓'] as const;

export const ENTERPRISE_STEMS = [
  '恒信', '华瑞', '中天', '金海', '通达', '宏业', '鑫源', '瑞祥', '盛和', '永泰', '嘉禾', '东方', '海晟',
  '联创', '科达', '新锐', '振华', '天成', '博远', '润丰', '汇通', '凯威', '锦华', '明泰', '精工', '安达',
  '鼎盛', '昌隆', '友邦', '亿佳', '荣信', '德润', '晶瑞', '海力', '宝丰', '沃德', '群英', '力合', '创新',
];
export const INDUSTRIES = [
  '机械制造', '纺织', '家纺', '电子科技', '建筑工程', '新材料', '化工', '生物医药', '食品', '物流',
  '船舶配件', '服饰', '智能装备', '环保科技', '贸易', '汽车零部件', '精密模具', '包装材料',
];

export const GRID_EVENT_TYPES: readonly (readonly [type: string, share: number, deadlineHours: number, selfShare: number])[] = [
  ['环境卫生', 0.26, 48, 0.75],
  ['城市管理', 0.2, 72, 0.55],
  ['安全隐患', 0.16, 24, 0.5],
  ['民生服务', 0.18, 120, 0.6],
  ['矛盾纠纷', 0.12, 72, 0.55],
  ['其他', 0.08, 72, 0.7],
];

export const GRID_DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  环境卫生: ['路边垃圾堆放未及时清运', '河道水面有漂浮垃圾', '绿化带内积存生活垃圾', '公厕卫生状况差', '沟渠杂草丛生'],
  城市管理: ['流动摊贩占道经营', '店外乱堆乱放', '违规张贴小广告', '非机动车乱停放', '疑似违法搭建'],
  安全隐患: ['楼道内电动车充电', '消防通道被占用', '路面窨井盖缺失', '危房外墙有脱落风险', '沿街店铺私拉电线'],
  民生服务: ['独居老人需要上门帮扶', '居民咨询医保参保', '困难家庭申请救助', '残疾人证办理咨询', '路灯不亮需要报修'],
  矛盾纠纷: ['邻里因漏水发生纠纷', '宅基地界址纠纷', '家庭赡养纠纷', '物业与业主因收费发生争执', '劳资纠纷'],
  其他: ['走访中发现的一般情况', '群众意见建议收集', '信息采集更新', '政策宣传入户', '其他需要协调的事项'],
};

export const GRID_SOURCES: readonly (readonly [source: string, share: number])[] = [
  ['网格员上报', 0.68], ['巡查发现', 0.14], ['群众反映', 0.12], ['12345转办', 0.04], ['部门移交', 0.02],
];

/** Month-of-year volume (summer peak of complaints about power, water, noise and heat). */
export const MONTH_FACTOR = [0.88, 0.8, 0.95, 0.97, 1.0, 1.1, 1.24, 1.24, 1.04, 0.95, 0.92, 0.91];
/** Monday first; weekends are quieter. */
export const WEEKDAY_FACTOR = [1.12, 1.06, 1.02, 1.0, 0.98, 0.76, 0.7];
/** Hour of day 0–23: a daytime double peak, a lunch dip and quiet nights. */
export const HOUR_FACTOR = [
  0.16, 0.09, 0.05, 0.04, 0.05, 0.1, 0.3, 0.9, 2.0, 2.6, 2.6, 2.2, 1.4, 1.8, 2.4, 2.4, 2.2, 1.8, 1.1, 1.0,
  0.9, 0.7, 0.5, 0.3,
];
/** Grid workers report during their working day. */
export const GRID_HOUR_FACTOR = [
  0, 0, 0, 0, 0, 0.02, 0.1, 0.6, 2.2, 2.8, 2.6, 1.6, 0.6, 1.2, 2.4, 2.6, 2.2, 1.2, 0.4, 0.2, 0.1, 0.05, 0.02, 0,
];

/** 春节 (Spring Festival) day, month 1-based; the hotline's quietest week of the year. */
export const SPRING_FESTIVAL: Readonly<Record<number, readonly [number, number]>> = {
  2019: [2, 5], 2020: [1, 25], 2021: [2, 12], 2022: [2, 1], 2023: [1, 22], 2024: [2, 10], 2025: [1, 29],
  2026: [2, 17], 2027: [2, 6], 2028: [1, 26], 2029: [2, 13], 2030: [2, 3],
};
