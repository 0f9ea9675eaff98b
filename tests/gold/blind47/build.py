#!/usr/bin/python3
"""Build gold/blind47.json from the hand-written items below.

Everything here is hand-written (texts, targets, grades).  The only computed
fields are bigram_share / bigram_share_key for the staffer queries, and the
traditional-character text of N4, which is produced from its simplified
source (N4_SIMPLIFIED) with the hand-written character table S2T below.

Run with the system python: /usr/bin/python3 build.py
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REGISTRY_PATH = os.path.join(HERE, "in", "practice_registry.json")
OUT_PATH = os.path.join(HERE, "gold", "blind47.json")

GRADES = {
    "3": "same mechanism, same kind of people",
    "2": "same mechanism other people / closely related mechanism same people / substantive part of a bundle",
    "1": "same broad area or mechanism only in passing",
}

# ---------------------------------------------------------------------------
# 1. Staffer queries S1-S30
#    para = paraphrase flag; rel = registry key -> grade (hand-graded against
#    all 66 registry texts).
# ---------------------------------------------------------------------------
STAFFER = [
    dict(id="S1", para=True,
         text="提人之前去他住的小区找街坊打听打听",
         target="paraphrase: vetting a cadre before promotion through neighbours / the residential compound (community poll, 8-hours-outside); main YXQ1, also TH3",
         rel={"YXQ1": 3, "YXQ2": 3, "YXQ3": 3, "TH3": 3, "TH1": 1, "SS3": 1}),
    dict(id="S2", para=True,
         text="想找找哪里给村支书分三六九等、按等级发报酬的，干得好往上升一级多拿钱，出了问题就往下降，半年一变。",
         target="paraphrase: grading village party secretaries into levels with pay coefficient and up/down moves; main TC1, also JN1",
         rel={"TC1": 3, "JN1": 3, "H1": 2, "H3": 2, "H4": 2, "DG4": 2, "H2": 1}),
    dict(id="S3", para=True,
         text="退二线、改非的老同志怎么管起来用起来",
         target="paraphrase: managing and using cadres who stepped down from leading posts; main YX2 (whole YX1-YX4 bundle)",
         rel={"YX1": 3, "YX2": 3, "YX3": 3, "YX4": 3, "TH5": 2, "Y3": 1, "Y5": 1}),
    dict(id="S4", para=False,
         text="选调生试用期培养管理",
         target="direct: probation-period training and management of xuandiaosheng; main Z1-Z6",
         rel={"Z1": 3, "Z2": 3, "Z3": 3, "Z4": 3, "Z5": 3, "Z6": 3, "HY1": 1, "HY2": 1, "TH4": 1}),
    dict(id="S5", para=True,
         text="新考进来的大学生分到乡镇，有没有哪里给每人指定一个老同志当师傅，手把手带、遇事有人兜着？",
         target="paraphrase: one-to-one mentor for newly recruited graduates; main Z4",
         rel={"Z4": 3, "Z1": 2, "Z2": 2, "Z3": 2, "HY2": 2, "Z5": 1, "Z6": 1, "TH4": 1, "Ba5": 1, "YX2": 1, "T1": 1}),
    dict(id="S6", para=True,
         text="犯了错、挨过处理的干部，过了影响期还能不能重新启用？想看看别的地方怎么给这些人松绑、让他们放下包袱。",
         target="paraphrase: fault tolerance and re-use of disciplined cadres after the impact period; main Y4",
         rel={"Y4": 3, "Y3": 2, "TH2": 1, "HY3": 1, "Y1": 1}),
    dict(id="S7", para=True,
         text="把小年轻扔到最苦最累的一线去摔打",
         target="paraphrase: sending young cadres to hard front-line posts for tempering; main TH4",
         rel={"TH4": 3, "HY2": 3, "Y2": 3, "Z2": 2, "HY4": 2, "Y1": 2, "Ba7": 1, "DG2": 1, "YX2": 1}),
    dict(id="S8", para=True,
         text="年终打分排队垫底的单位，第二年提人、晋级一律冻结，搞一票否决，有没有地方这么干？",
         target="paraphrase: units ranked last in annual assessment may not promote cadres for a year; main TH6",
         rel={"TH6": 3, "Y1": 2, "T1": 2, "JN1": 1, "Y3": 1, "HY3": 1, "TH5": 1}),
    dict(id="S9", para=True,
         text="给干部建性格底册，配班子看合不合得来",
         target="paraphrase: psychological/personality file for cadres used to compose leadership teams; main SS3",
         rel={"SS3": 3, "SS1": 1, "SS2": 1, "TH3": 1}),
    dict(id="S10", para=True,
         text="干部压力大、想不开的时候，组织部门有没有固定找他们拉家常、解心结的规矩？哪些情形一定要聊？",
         target="paraphrase: mandatory heart-to-heart talks in listed situations for stressed cadres; main SS2, also TH2",
         rel={"SS2": 3, "TH2": 3, "Y5": 2, "Z3": 2, "YX4": 2, "SS1": 2, "SS3": 1, "Ba5": 1}),
    dict(id="S11", para=True,
         text="把外面读了博士的老乡请回来帮家乡",
         target="paraphrase: bringing locally born PhDs back to serve villages and firms; main YXB",
         rel={"YXB": 3, "SSt": 1, "Y2": 1}),
    dict(id="S12", para=True,
         text="从种粮养殖大户、合作社能人里挑苗子重点培养，送去农大进修，让他们带着乡亲们一起挣钱。",
         target="paraphrase: cultivating rural industry leaders ('头羊') from big farmers and co-op backbones; main SSt",
         rel={"SSt": 3, "YXB": 2, "S3": 2, "YXQ4": 1}),
    dict(id="S13", para=False,
         text="村党组织书记实绩考核 绩效补贴",
         target="direct: performance assessment of village party secretaries tied to performance pay; main JN1",
         rel={"JN1": 3, "TC1": 3, "H1": 2, "H3": 2, "H4": 2, "W1": 1, "DG4": 1, "H2": 1}),
    dict(id="S14", para=True,
         text="街道一喊，机关部门就得派人来",
         target="paraphrase: 'street blows the whistle, departments report'; main DG3",
         rel={"DG3": 3, "DG1": 2, "DG2": 2, "DG7": 2, "DG8": 2, "DG6": 1, "DG5": 1, "DG10": 1}),
    dict(id="S15", para=True,
         text="社区牌子多、证明多、摊派多，想看看哪里给村居减负，把该干的、协助干的和不该开的证明都列成单子。",
         target="paraphrase: burden reduction for villages/communities through duty lists and admission lists; main DG5",
         rel={"DG5": 3, "DG6": 1, "DG7": 1}),
    dict(id="S16", para=True,
         text="党员年初亮诺、年底晒成绩让群众打分，评出几颗星挂在门口，谁在这么搞？",
         target="paraphrase: party members' public pledges, mass scoring and star rating with plaques; main H2 (H1-H4 bundle)",
         rel={"H1": 3, "H2": 3, "H3": 3, "H4": 3, "TC1": 2, "JN1": 2, "DG10": 1}),
    dict(id="S17", para=True,
         text="后进村、瘫痪半瘫痪党支部咋扭转",
         target="paraphrase: (older wording for 软弱涣散) turning round weak and lax village party branches; main W1, also S2",
         rel={"W1": 3, "S2": 3, "S1": 1, "TH4": 1, "TC1": 1, "JN1": 1}),
    dict(id="S18", para=True,
         text="乡镇的组工专干老是换来换去、业务不熟，哪里有办法把这支队伍配齐、稳住、带起来？",
         target="paraphrase: staffing, keeping and training township organisation clerks (组织干事/组织员); main T1",
         rel={"T1": 3, "DG7": 1}),
    dict(id="S19", para=True,
         text="五十多岁的老科员，靠晋级让他们还肯干",
         target="paraphrase: using rank (职级) promotion to motivate older cadres with no post prospects; main TH5",
         rel={"TH5": 3, "YX4": 2, "Y5": 2, "HY4": 2, "Ba8": 2, "YX2": 1}),
    dict(id="S20", para=True,
         text="提拔过的人回过头来再筛一遍，翻档案核年龄、学历、入党时间，看有没有带病上岗的。",
         target="paraphrase: retrospective check of past promotions and personnel files (三龄两历一身份); main TH8",
         rel={"TH8": 3, "TH7": 2, "TH9": 1}),
    dict(id="S21", para=False,
         text="公务员记功嘉奖怎么向招商引资、项目建设这些一线倾斜？有没有“几优先几不奖”这样的规定？",
         target="direct: civil-servant merit awards weighted to the front line ('五优先四不奖'); main Ba3",
         rel={"Ba3": 3, "Ba1": 2, "Ba2": 2, "Ba4": 2, "Ba5": 2, "Ba8": 2, "HY3": 2, "Y1": 2, "HY4": 2,
              "Ba6": 1, "Ba7": 1, "TH4": 1, "TH5": 1}),
    dict(id="S22", para=False,
         text="想找外地推进领导干部能上能下、制定不担当不作为负面清单的做法。",
         target="direct: 'able to go up and down' rules and a negative list of inaction; main Y3",
         rel={"Y3": 3, "TH6": 2, "HY3": 2, "JN1": 2, "T1": 2, "TC1": 1, "TH7": 1, "Y4": 1}),
    dict(id="S23", para=False,
         text="乡村干部实训基地现场教学",
         target="direct: practical training base for rural cadres with on-site teaching; main YXQ4",
         rel={"YXQ4": 3, "S3": 2, "SSt": 2, "Y2": 1, "Z1": 1, "HY2": 1, "YXB": 1}),
    dict(id="S24", para=True,
         text="村里接班人提前养、年年轮训",
         target="paraphrase: building a pool of village reserve cadres with regular training; main S3",
         rel={"S3": 3, "YXQ4": 2, "SSt": 2, "S1": 1, "DG4": 1}),
    dict(id="S25", para=True,
         text="机关里的后备苗子派到问题村当一把手，干满回来优先提拔，这种做法哪里有？",
         target="paraphrase: WEAK coverage - reserve cadres sent as first secretaries to weak villages and promoted afterwards; only a sentence of TH4",
         rel={"TH4": 2, "W1": 1, "Y2": 1, "YX2": 1}),
    dict(id="S26", para=True,
         text="请老百姓上电视当面质问部门头头",
         target="paraphrase: WEAK coverage - televised public questioning of officials (问政); only a clause of TH6",
         rel={"TH6": 2}),
    dict(id="S27", para=False,
         text="有没有地方选派机关干部到非公企业担任党建指导员，帮助民营企业建立党组织？",
         target="direct: WEAK coverage - party-building instructors sent into private firms; only a clause of YX2",
         rel={"YX2": 2, "TH4": 1}),
    dict(id="S28", para=False,
         text="干部休假疗养和健康体检",
         target="direct: WEAK coverage - leave, sanatorium stays and health checks for cadres; only in passing (Ba5, YXB, Y5, YX4)",
         rel={"Ba5": 1, "YXB": 1, "Y5": 1, "YX4": 1}),
    dict(id="S29", para=False,
         text="外出务工流动党员怎么管",
         target="direct: NOT COVERED - managing migrant/mobile party members; nothing in the registry",
         rel={}),
    dict(id="S30", para=False,
         text="离退休老干部党支部建在社区，组织老同志发挥余热，想看看哪些地方有好办法。",
         target="direct: NOT COVERED - party branches of retired cadres; only grade-1 neighbours (stepped-down cadres YX2, old cadres teaching Z1)",
         rel={"YX2": 1, "Z1": 1}),
]

# ---------------------------------------------------------------------------
# 2. News queries N1-N10.  "measures" documents the per-measure grading;
#    relevant = highest grade per key over the measures.
# ---------------------------------------------------------------------------
N1_TEXT = """莲溪县：多措并举锻造村级“领头雁”队伍
今年以来，江西省莲溪县委组织部把村党组织书记队伍建设作为抓基层、打基础的关键，推出一系列硬举措。该县对全县186名村党组织书记实行星级化管理，综合年度考核、群众测评和村集体经济增长情况，每年评定一至五星，星级直接与报酬挂钩，五星书记基本报酬按1.3倍系数发放；对考核不称职或所在村被列为软弱涣散村的，当年一律降星。针对部分村“后继乏人”问题，该县实施村级后备力量“育苗工程”，每村储备不少于2名后备人选，全县已储备423人，依托乡镇党校每月开展一次集中轮训，每年选派50名到浙江、福建等地跟班学习。与此同时，该县对排查出的12个软弱涣散村党组织实行县领导包村、部门帮扶、一村一策，2023年以来已有11个村完成整顿转化，村集体经济收入平均增长28.4%。"""

N2_TEXT = """汾源县人民政府门户网站
首页 > 新闻中心 > 部门动态
汾源县委组织部“三个延伸”提升识人用人精准度
发布时间：2023-09-14 10:26　来源：县委组织部　浏览次数：412
【字体：大 中 小】
今年以来，汾源县委组织部坚持把功夫下在平时，从三个方面延伸干部工作触角。
把考察延伸到“八小时以外”。对拟提任的科级干部，考察组在常规考察之外，随机走访其居住小区，向物业、邻居和社区党组织了解其家风家教、邻里关系和社会公德情况，今年已对47名拟提任人选开展居住地走访，2人因邻里反映问题较多暂缓任用。
把关爱延伸到“心坎上”。针对乡镇一线干部工作压力大、家庭困难多等情况，明确部领导每季度至少与5名基层干部谈心，建立谈心台账，帮助解决实际困难38件。
把激励延伸到“敢为者”。出台《汾源县干部容错纠错实施细则》，列出9种可予容错的情形，对2名在项目推进中出现失误但出于公心的干部予以容错免责，其中1人今年被提拔使用。
【打印本页】【关闭窗口】
上一篇：汾源县召开2023年第三季度组织工作推进会
下一篇：汾源县举办新录用公务员初任培训班"""

N3_TEXT = """滦西县“四个到位”激励退出领导岗位干部再立新功
河北省滦西县委组织部针对机构改革和换届后退出领导岗位干部人数增多的实际，探索建立管理使用新机制，推动“退岗不退责、退位不褪色”。一是责任压实到位。明确县委组织部统筹、所在单位直管，建立退出领导岗位干部花名册，各单位每季度报送考勤和履职情况。二是岗位安排到位。结合个人专长，安排86名干部担任重点项目督导组组长、非公企业党建指导员、驻村工作队员和信访化解专员，让“老把式”继续发挥作用。三是考核管理到位。将其纳入公务员平时考核和年度考核，与在职领导干部同考核、同测评，组织部与纪委监委不定期开展暗访抽查。四是关心激励到位。退出时由部领导逐一谈话，对表现突出的在职级晋升时优先考虑，2024年以来已有31人晋升职级。"""

# N4: simplified source (kept here); the JSON carries the traditional text.
N4_SIMPLIFIED = """津沽区：“吹哨”有回应　“报到”见实效
近日，记者从天津市津沽区委组织部获悉，该区深化党建引领基层治理，推出三项举措破解街道“看得见管不着”难题。
街道吹哨、部门报到。全区9个街道设立“吹哨”平台，对拆违、占道经营、老旧小区改造等需要多部门协同的问题，由街道党工委统一“吹哨”，区级职能部门须在24小时内到场报到。报到部门的响应速度、办理质量由街道打分，结果纳入区级部门年度绩效考核，权重不低于15%。今年以来已“吹哨”1326次，按时办结率达96.8%。
机关干部沉到社区。组织62个区级机关部门与120个社区(qū)结对共建，每个部门由一名处级领导带队，每周至少一天到社区办公，参与接诉即办、矛盾调解。
为社区松绑减负。全面清理社区承担的工作事项和出具的证明材料，制定社区工作事项准入清单，取消不合理证明事项41项，未经区委审核不得向社区摊派任务。"""

# Hand-written simplified -> traditional table covering every simplified
# character in N4_SIMPLIFIED (checked by check.py via the reverse mapping).
S2T = {
    "区": "區", "应": "應", "报": "報", "见": "見", "实": "實", "记": "記", "从": "從",
    "组": "組", "织": "織", "获": "獲", "该": "該", "党": "黨", "领": "領", "层": "層",
    "项": "項", "举": "舉", "着": "著", "难": "難", "题": "題", "门": "門", "个": "個",
    "设": "設", "台": "臺", "对": "對", "违": "違", "经": "經", "营": "營", "旧": "舊",
    "协": "協", "问": "問", "统": "統", "级": "級", "职": "職", "须": "須", "时": "時",
    "场": "場", "响": "響", "办": "辦", "质": "質", "结": "結", "纳": "納", "绩": "績",
    "权": "權", "于": "於", "来": "來", "达": "達", "机": "機", "关": "關", "干": "幹",
    "与": "與", "处": "處", "导": "導", "带": "帶", "队": "隊", "周": "週", "参": "參",
    "诉": "訴", "调": "調", "为": "為", "松": "鬆", "绑": "綁", "减": "減", "负": "負",
    "担": "擔", "证": "證", "单": "單", "审": "審", "摊": "攤", "务": "務", "内": "內",
}


def to_traditional(s):
    return "".join(S2T.get(ch, ch) for ch in s)


N4_TEXT = to_traditional(N4_SIMPLIFIED)

N5_TEXT = """渝峰县：让选调生在基层“扎下根、长成材”
近年来，重庆市渝峰县把选调生和新录用公务员作为年轻干部队伍的“源头活水”，着力加强试用期培养管理。在帮带上，为每名选调生配备一名乡镇班子成员和一名业务骨干作为“双导师”，签订帮带协议，导师每月至少与选调生面对面交流一次，帮助解决工作生活中的实际困难，目前已结对87对。在历练上，新录用的选调生和公务员到岗后统一安排到信访接待、征地拆迁、乡村振兴等一线岗位锻炼不少于6个月，今年以来有43人次参与防汛救灾、森林防火等急难险重任务。在考核上，实行试用期“一季一评”，由导师和所在单位出具评价意见，试用期满时组织民主测评和个别谈话，对表现不合格的延期转正或取消录用，2022年以来有1人被取消录用。"""

N6_TEXT = """万岭党建网
当前位置：首页 > 工作动态
万岭县“引育训”并举激活乡村振兴人才引擎
发布时间：2024-05-21　来源：万岭县委组织部　作者：王海燕　【大 中 小】
今年以来，万岭县委组织部围绕乡村振兴人才需求，多渠道引才、育才、练兵。
引回一批“乡贤能人”。建立万岭籍在外高层次人才库，收录博士、硕士及高级职称人才286名，通过“乡情恳谈会”回引23人担任“乡村振兴顾问”，每年回乡服务不少于10天，帮助谋划槟榔深加工、共享农庄等项目9个。
育强一批“土专家”。从胡椒、槟榔种植大户和合作社负责人中遴选150名重点培养对象，与海南大学合作开设热带农业研修班，对其中有意愿的优先作为村“两委”后备人选。
练强一批“当家人”。依托县热带农业科技示范园和红色教育基地，打造乡村干部实训基地，推行“半天课堂、半天田间”教学，全年轮训村干部620人次。
【打印】【关闭】
上一篇：万岭县召开基层党建工作推进会
下一篇：万岭县开展“两新”组织党建集中攻坚"""

N7_TEXT = """淮澄组工　2022-08-16 17:30　发表于江苏
淮澄县“三个注重”用好公务员奖励激励
今年以来，淮澄县委组织部坚持奖励向基层倾斜、向一线倾斜，推动公务员奖励从“年终算总账”向“及时奖、常态奖”转变。
一是注重及时奖励。聚焦重大项目建设、疫情防控、防汛抗旱等急难险重任务，对表现突出的公务员及时给予嘉奖、记三等功，明确“资历深不等于功劳大”，坚持宁缺毋滥，今年以来及时奖励公务员217人次，其中乡镇一线占72%。
二是注重跟踪培养。对受奖公务员建立成长档案，由县委组织部干部科专人跟踪，将近三年记功人员全部纳入年轻干部和后备干部名单库，在职级晋升时同等条件下优先，2022年已有58名受奖公务员晋升职级。
三是注重平时考核。推行“季度晒绩、半年点评、年终总评”，平时考核结果作为年度考核确定优秀等次和及时奖励的重要依据。
来源：淮澄县委组织部
编辑：李晨"""

N8_TEXT = """沂阳县：实绩“大比武”激发头雁新动能
今年以来，山东省沂阳县委组织部持续深化村党组织书记实绩考核，让“干多干少不一样”成为共识。该县将村书记考核分为基本职责和重点任务两部分，基本职责考核结果决定基本报酬，重点任务考核结果决定绩效报酬，两者差距最高可达1.5万元。每季度以镇街为单位组织村书记“晒实绩、比贡献”现场擂台赛，半年全县统一排名，对排名靠后的28名村书记由镇街党（工）委书记逐一约谈、帮助制定整改措施。县里建立村书记负面清单，每月从纪委监委、信访、公安等部门汇总负面信息，对查实的扣减绩效报酬，情节严重的依法依规调整。对连续三年考核优秀的村党组织书记，拿出专门名额面向其定向招聘乡镇事业编制人员，2023年已有6名村书记通过考试进入事业编制。"""

N9_TEXT = """荆溪县：给干部心理“减减压”
湖北省荆溪县委组织部针对基层干部任务重、压力大的实际，把关心干部心理健康作为关爱干部的重要内容。该县在县委党校主体班次中开设“心理调适与压力管理”课程，邀请省内高校心理学教师授课，2023年以来已覆盖科级干部、年轻干部和村干部1100余人次。依托县人民医院建立科级干部心理健康档案，每年开展一次心理测评，对测评异常的由专业医生一对一疏导，测评结果在干部调整时作为参考，避免“人岗不适”。县委组织部还明确“八必谈”情形，干部职务调整、受到问责、家庭遭遇变故、身体出现重大疾病等情况下，由部领导或分管领导第一时间谈话。同时设立每年80万元的干部关爱基金，今年已帮扶患病、家庭困难干部26人。"""

N10_TEXT = """塬丰县“三道关口”筑牢选人用人防线
陕西省塬丰县委组织部坚持把严的要求贯穿干部选拔任用全过程，扎紧扎牢选人用人“篱笆”。一是把好档案审核关。对拟提拔和进一步使用的干部，坚持“凡提必审”，重点核查“三龄两历一身份”，2021年以来对2018年后提拔的312名科级干部档案开展“回头看”，认定更正出生日期、参加工作时间等问题17个。二是把好整改落实关。针对巡视巡察和选人用人专项检查反馈问题，建立整改台账，逐项明确责任人和时限，对问题集中的2个单位领导班子进行调整。三是把好考核奖惩关。对年度综合考核排名末位的单位，主要负责人向县委作出书面检讨，该单位一年内不得提拔使用干部，倒逼单位和干部担当作为。"""

NEWS = [
    dict(id="N1", province="江西", style="plain-prose", text=N1_TEXT,
         target="village secretaries star-graded with pay coefficient (TC1/JN1), village reserve cadre pool with monthly training (S3), rectification of weak village party organisations (W1/S2)",
         measures=[
             ("star grading of village secretaries tied to pay, downgrade if weak",
              {"TC1": 3, "JN1": 3, "H1": 2, "H3": 2, "H4": 2, "DG4": 2}),
             ("village reserve cadres 育苗工程, monthly training at township party school, study trips",
              {"S3": 3, "YXQ4": 2, "SSt": 1, "TH4": 1}),
             ("weak village party organisations: county leaders assigned, one village one plan",
              {"W1": 3, "S2": 3, "TH4": 1}),
         ]),
    dict(id="N2", province="山西", style="web", text=N2_TEXT,
         target="vetting promotion candidates at their residential compound (YXQ1-3/TH3), regular heart-to-heart talks with stressed cadres (TH2/SS2), fault-tolerance rules and re-use (Y4)",
         measures=[
             ("考察 extended to the residential compound, neighbours, property management",
              {"YXQ1": 3, "YXQ2": 3, "YXQ3": 3, "TH3": 3, "TH1": 1, "SS3": 1}),
             ("talks with front-line cadres under pressure, talk ledger",
              {"TH2": 3, "SS2": 3, "Y5": 2, "Z3": 2, "YX4": 2, "SS1": 2, "SS3": 1, "Ba5": 1}),
             ("fault-tolerance rules, exempted cadres promoted",
              {"Y4": 3, "Y3": 2, "HY3": 1, "TH2": 1, "Y1": 1}),
         ]),
    dict(id="N3", province="河北", style="yishi-ershi", text=N3_TEXT,
         target="cadres who stepped down from leading posts: responsibility and attendance (YX1), post allocation incl. supervision and village work (YX2), assessment and spot checks (YX3), talks and rank priority (YX4)",
         measures=[
             ("roster and quarterly attendance reports", {"YX1": 3, "YX3": 2}),
             ("posts: supervision team leaders, non-public party instructors, village work",
              {"YX2": 3, "TH4": 1, "Y3": 1}),
             ("included in routine and annual assessment; joint spot checks with discipline commission",
              {"YX3": 3, "YX1": 2}),
             ("talk on stepping down, rank promotion priority",
              {"YX4": 3, "TH5": 2, "HY4": 1, "SS2": 1, "TH2": 1, "Y5": 1}),
         ]),
    dict(id="N4", province="天津", style="traditional", text=N4_TEXT,
         target="(traditional characters) street whistle / departments report with street scoring of departments (DG3/DG6), district bureaus paired with communities and stationed there (DG2), community burden-reduction admission list and removal of certificates (DG5)",
         measures=[
             ("吹哨报到, street scores departments, counted in department performance",
              {"DG3": 3, "DG1": 2, "DG2": 2, "DG6": 2, "DG7": 2, "DG8": 2, "DG5": 1, "DG10": 1}),
             ("district bureaus paired with communities, division-level leader one day a week on site",
              {"DG2": 3, "DG1": 2, "DG8": 1}),
             ("community work-item admission list, certificates cancelled",
              {"DG5": 3, "DG6": 1, "DG7": 1}),
         ]),
    dict(id="N5", province="重庆", style="plain-prose", text=N5_TEXT,
         target="probation management of xuandiaosheng: double mentors (Z4), front-line tempering for new recruits (Z2/TH4/HY2), quarterly review and end-of-probation assessment (Z5/Z6)",
         measures=[
             ("double mentors for each xuandiaosheng",
              {"Z4": 3, "Z1": 2, "Z2": 2, "Z3": 2, "HY2": 2, "Z5": 1, "Z6": 1, "TH4": 1, "Ba5": 1, "YX2": 1, "T1": 1}),
             ("new recruits sent to front-line posts for 6 months",
              {"Z2": 3, "TH4": 3, "HY2": 3, "Y2": 2, "HY4": 2, "Y1": 1, "Ba7": 1, "DG2": 1}),
             ("quarterly probation review and end-of-probation assessment",
              {"Z5": 3, "Z6": 3, "HY1": 1, "HY3": 1}),
         ]),
    dict(id="N6", province="海南", style="web", text=N6_TEXT,
         target="bringing back locally born PhDs/masters as advisers (YXB), cultivating big farmers and co-op heads (SSt), rural cadre practical training base (YXQ4)",
         measures=[
             ("talent database of natives outside, 23 brought back as advisers",
              {"YXB": 3, "SSt": 1, "Y2": 1}),
             ("big farmers / co-op heads trained with a university, reserve for village committees",
              {"SSt": 3, "YXB": 2, "S3": 2, "YXQ4": 1}),
             ("rural cadre training base, half classroom half field",
              {"YXQ4": 3, "S3": 2, "SSt": 2, "Y2": 1, "Z1": 1, "HY2": 1, "YXB": 1}),
         ]),
    dict(id="N7", province="江苏", style="yishi-ershi", text=N7_TEXT,
         target="timely merit awards to front-line civil servants (Ba3), follow-up of award winners into reserve pool and rank priority (Ba4/Ba8), routine assessment as basis of awards (Ba1)",
         measures=[
             ("timely commendations / third-class merit for front-line civil servants",
              {"Ba3": 3, "Ba1": 2, "Ba2": 2, "Ba4": 2, "Ba5": 2, "Ba8": 2, "HY3": 2, "Y1": 2, "HY4": 2,
               "Ba6": 1, "Ba7": 1, "TH4": 1, "TH5": 1}),
             ("award winners tracked, into reserve list, rank promotion priority",
              {"Ba8": 3, "Ba4": 3, "Ba5": 2, "Ba7": 1, "HY4": 2, "TH5": 2, "YX4": 1}),
             ("quarterly showing of results, routine assessment basis for awards",
              {"Ba1": 3, "HY3": 2, "Z5": 1, "YX3": 1}),
         ]),
    dict(id="N8", province="山东", style="plain-prose", text=N8_TEXT,
         target="village secretary performance assessment with basic pay vs performance pay (JN1), contest and half-yearly ranking with help for the bottom (JN1), negative list from discipline bodies, recruitment of long-excellent secretaries into township career posts (H4/DG4)",
         measures=[
             ("two-part assessment tied to basic and performance pay",
              {"JN1": 3, "TC1": 3, "H1": 2, "H3": 2, "H4": 2, "W1": 1, "DG4": 1, "H2": 1}),
             ("quarterly contest, half-yearly ranking, talks with the bottom",
              {"JN1": 3, "TC1": 2, "TH6": 1, "T1": 1}),
             ("negative list fed by discipline commission, pay deduction",
              {"JN1": 3, "HY3": 2, "Y3": 2, "TC1": 2}),
             ("secretaries excellent 3 years recruited into township 事业编",
              {"H4": 3, "DG4": 3, "TC1": 2}),
         ]),
    dict(id="N9", province="湖北", style="plain-prose", text=N9_TEXT,
         target="cadre mental health: courses in party-school classes (SS1), psychological files used in postings (SS3), mandatory talks in listed situations (SS2/TH2), care fund (Y5)",
         measures=[
             ("mental-health course in party school main classes", {"SS1": 3, "SS2": 2, "SS3": 2}),
             ("psychological health file, screening, used when adjusting cadres", {"SS3": 3, "SS1": 2}),
             ("八必谈 mandatory talks",
              {"SS2": 3, "TH2": 3, "Y5": 2, "Z3": 2, "YX4": 2, "SS1": 2, "Ba5": 1, "Y3": 1}),
             ("annual cadre care fund for sick / hard-up cadres", {"Y5": 3, "YX4": 2}),
         ]),
    dict(id="N10", province="陕西", style="yishi-ershi", text=N10_TEXT,
         target="file audit before promotion and retrospective check (TH8), rectification ledger after inspection (TH7), units ranked last may not promote (TH6)",
         measures=[
             ("file audit 三龄两历一身份, retrospective check", {"TH8": 3, "TH7": 2, "TH9": 1}),
             ("rectification ledger after inspection, teams adjusted", {"TH7": 3, "TH8": 2, "TH9": 2, "Y3": 1}),
             ("last-ranked units may not promote for a year",
              {"TH6": 3, "Y1": 2, "T1": 2, "JN1": 1, "Y3": 1, "HY3": 1, "TH5": 1}),
         ]),
]

# ---------------------------------------------------------------------------
# 3. Practice queries P1-P15 (registry key as query; every other item graded).
# ---------------------------------------------------------------------------
PRACTICE = [
    dict(id="P1", query="T1",
         rel={"HY1": 1, "HY2": 1, "HY3": 1, "Z1": 1, "Y2": 1, "TH4": 1, "Y3": 1, "TC1": 1, "DG7": 1, "TH6": 1}),
    dict(id="P2", query="W1",
         rel={"S2": 3, "S1": 2, "JN1": 2, "TH4": 1, "TC1": 1, "S3": 1, "H1": 1, "DG4": 1}),
    dict(id="P3", query="Z4",
         rel={"Z1": 2, "Z2": 2, "Z3": 2, "HY2": 2, "Z5": 1, "Z6": 1, "TH4": 1, "Ba5": 1, "YX2": 1, "T1": 1}),
    dict(id="P4", query="H4",
         rel={"DG4": 3, "TC1": 3, "JN1": 2, "H1": 2, "H2": 2, "H3": 2}),
    dict(id="P5", query="Y4",
         rel={"Y3": 2, "TH2": 1, "HY3": 1, "Y1": 1}),
    dict(id="P6", query="Ba3",
         rel={"Ba1": 2, "Ba2": 2, "Ba4": 2, "Ba5": 2, "Ba8": 2, "HY3": 2, "Y1": 2, "HY4": 2,
              "Ba6": 1, "Ba7": 1, "TH4": 1, "TH5": 1}),
    dict(id="P7", query="TH3",
         rel={"YXQ1": 3, "YXQ2": 3, "YXQ3": 3, "TH1": 2, "SS3": 2, "TH2": 1, "Y1": 1}),
    dict(id="P8", query="TH4",
         rel={"Y2": 3, "HY2": 3, "Z2": 2, "HY4": 2, "Ba7": 2, "Y1": 2,
              "T1": 1, "YXB": 1, "YX2": 1, "S3": 1, "DG2": 1, "W1": 1}),
    dict(id="P9", query="TH6",
         rel={"Y3": 2, "HY3": 2, "JN1": 2, "T1": 2, "Y1": 2, "TC1": 1, "TH5": 1}),
    dict(id="P10", query="YX2",
         rel={"YX1": 2, "YX3": 2, "YX4": 2, "TH5": 1, "Y3": 1, "TH4": 1}),
    dict(id="P11", query="SS2",
         rel={"TH2": 3, "Y5": 2, "Z3": 2, "YX4": 2, "SS1": 2, "SS3": 1, "TH9": 1, "Ba5": 1, "HY3": 1}),
    dict(id="P12", query="YXQ4",
         rel={"S3": 2, "SSt": 2, "Y2": 1, "Z1": 1, "HY2": 1, "YXB": 1}),
    dict(id="P13", query="HY3",
         rel={"Ba1": 2, "Ba3": 2, "Y3": 2, "JN1": 2, "TH6": 1, "Z5": 1, "YX3": 1, "Y4": 1, "Y1": 1,
              "HY4": 1, "SS2": 1}),
    dict(id="P14", query="TC1",
         rel={"JN1": 3, "H4": 3, "H1": 2, "H3": 2, "DG4": 2, "H2": 1, "W1": 1}),
    dict(id="P15", query="YXB",
         rel={"SSt": 2, "S3": 1, "Y2": 1, "YXQ4": 1}),
]

# ---------------------------------------------------------------------------
# computed fields
# ---------------------------------------------------------------------------
CJK = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(s):
    out = set()
    for seg in CJK.findall(s):
        for i in range(len(seg) - 1):
            out.add(seg[i:i + 2])
    return out


def bigram_share(query, text):
    q = bigrams(query)
    if not q:
        return 0.0
    t = bigrams(text)
    return len(q & t) / len(q)


def best_share(query, rel, registry):
    """Share of the query's bigrams found in the registry text of its best
    grade-3 item (the grade-3 item with the highest share).  If the query has
    no grade-3 item, the highest grade present is used; empty -> None."""
    if not rel:
        return None, None
    top = max(rel.values())
    best = None
    for key in sorted(rel):
        if rel[key] != top:
            continue
        s = bigram_share(query, registry[key]["text"])
        if best is None or s > best[0]:
            best = (s, key)
    return round(best[0], 3), best[1]


def merge(measures):
    rel = {}
    for _, grades in measures:
        for k, g in grades.items():
            rel[k] = max(rel.get(k, 0), g)
    return rel


def main():
    with open(REGISTRY_PATH, encoding="utf-8") as f:
        registry = json.load(f)

    staffer = []
    for q in STAFFER:
        share, key = best_share(q["text"], q["rel"], registry)
        staffer.append({
            "id": q["id"],
            "text": q["text"],
            "target": q["target"],
            "relevant": dict(q["rel"]),
            "length_class": "short" if len(q["text"]) < 20 else "long",
            "paraphrase": q["para"],
            "bigram_share": share,
            "bigram_share_key": key,
        })

    news = []
    for n in NEWS:
        item = {
            "id": n["id"],
            "text": n["text"],
            "target": n["target"],
            "relevant": merge(n["measures"]),
            "province": n["province"],
            "style": n["style"],
            "measures": [{"measure": m, "grades": g} for m, g in n["measures"]],
        }
        if n["id"] == "N4":
            item["text_simplified_source"] = N4_SIMPLIFIED
        news.append(item)

    practice = [{"id": p["id"], "query": p["query"], "relevant": dict(p["rel"])} for p in PRACTICE]

    out = {
        "name": "blind47",
        "registry": "in/practice_registry.json",
        "grades": GRADES,
        "staffer_queries": staffer,
        "news_queries": news,
        "practice_queries": practice,
    }
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")

    # table for the README
    print("| id | len | text | key | bigram_share |")
    print("|---|---|---|---|---|")
    paras = [s for s in staffer if s["paraphrase"]]
    for s in paras:
        print(f"| {s['id']} | {s['length_class']} | {s['text']} | {s['bigram_share_key']} | {s['bigram_share']} |")
    vals = [s["bigram_share"] for s in paras if s["bigram_share"] is not None]
    print(f"paraphrases: {len(paras)}  mean bigram_share: {sum(vals)/len(vals):.3f}")
    nonp = [s["bigram_share"] for s in staffer if not s["paraphrase"] and s["bigram_share"] is not None]
    print(f"direct (non-paraphrase, with relevant): {len(nonp)}  mean bigram_share: {sum(nonp)/len(nonp):.3f}")
    for s in staffer:
        if not s["paraphrase"]:
            print(f"  {s['id']} {s['length_class']} {s['bigram_share_key']} {s['bigram_share']} {s['text']}")
    for n in news:
        print(n["id"], n["province"], n["style"], len(n["text"]))
    print("wrote", OUT_PATH)


if __name__ == "__main__":
    main()
