"""Memo-ready text over the sample, read back from the graph (issue 15, what the graph holds).

Every check goes through a store built from the bundled sample: what a report, a page or a JSON answer can
show is what these triples say. The two lists of outcome labels below are the review: each was read, and
each displayed label says what was counted in words a reader understands beside its figure (as written,
ranges whole). A change to the extractor that changes a label must change this list, on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.sparql import query as q
from kg.store import GraphStore
from kg.text import display_text

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX ckg: <https://w3id.org/cadrekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

# label + " " + ckg:valueText of every outcome of the sample a reader is shown (sorted)
SHOWN = [
    "35岁以下年轻科干 107人",
    "35岁以下年轻科干占比 10.97%",
    "50岁以上公务员晋升率 70%",
    "“包乡走村入户”的县级党员领导干部 30名",
    "下沉村（社区）的区直机关局长驻点团队 54个",
    "主体班次 28个",
    "举办专题青蓝工程 2期",
    "了解掌握干部特殊困难 57件",
    "予以容错免责的村书记 2名",
    "争取来岳挂职帮助工作的干部 30余名",
    "享受人才服务 10余项",
    "任职一年以上的村书记 101名",
    "优选兼职组织员 1–2名",
    "修订完善本土博士回引计划 11处",
    "党政正职 8人",
    "入库的农村产业发展带头人 312人",
    "公务员年度评优比例提高 5%",
    "公开区直部门、乡镇（街道）权责事项 988项",
    "内设轻量级应用 80多个",
    "出台规范性文件 3个",
    "分获全省第六届“人民满意的公务员集体”和“人民满意的公务员”称号的个人 2名",
    "分获全省第六届“人民满意的公务员集体”和“人民满意的公务员”称号的单位 1个",
    "刊发退出领导岗位干部先进典型事迹 2期",
    "制定“两委”履职清单 28条",
    "制定挂职村发展计划 25个",
    "制定整顿措施 55项",
    "制定整顿标准 65条",
    "制定社区事务准入清单 26条",
    "制播《初心不改为民服务》专题宣传片 1部",
    "化解矛盾诉求 8200多个",
    "协调解决群众急难愁盼问题 2600多个",
    "县政府工作部门正职平均年龄下降 3.9岁",
    "县直机关选派到软弱涣散村任党组织第一书记的后备干部 16名",
    "参训学员 6910余人",
    "发放关爱基金 16.5万元",
    "发放关爱基金的退出领导岗位干部 15名",
    "取消干部任用资格 6人",
    "推荐提名为党代表人选的受诫勉影响党员干部 11名",
    "嘉奖的基层公务员 6023人次",
    "回引挂任“荣誉村主任”“企业副总” 36人",
    "因社会交往等方面问题暂缓干部任用程序的干部 1名",
    "因积极履行社会责任、在干群中评价较高被提拔到关键岗位的干部 3名",
    "培养储备村级后备干部 412名",
    "培训农村产业发展带头人 1250人次",
    "基层公务员记三等功 1234人次",
    "完成职级套转的公务员 773名",
    "完成试用期满考核工作的选调生 13名",
    "实时交互的二三级联动中心 49个",
    "实现进村（社区）办理的基本公共服务事项 3900多项",
    "对接争取市级行政权力事项下放 15项",
    "对照省委巡视反馈的方面 6个",
    "对照省委巡视反馈的问题 11个",
    "省委组织部选人用人专项检查反馈的方面 12个",
    "省委组织部选人用人专项检查反馈的问题 31个",
    "帮助解决诉求 109件",
    "帮扶困难干部 33.7万元",
    "帮扶困难干部 49人次",
    "常驻的城管执法中队 1个",
    "建成主题数据库 12个",
    "建成基础数据库 6个",
    "建成社区大党委 14个",
    "建成红领工作站的村和社区 40个",
    "建成街道大党工委 7个",
    "建立常态化沟通渠道的博士人才 204名",
    "开展公务员职级晋升 314人次",
    "开展公务员职级晋升 9批次",
    "开展各类服务 675次",
    "开展政治监督谈话 80人次",
    "开展讲、学、传、习、评等活动 4000多场次",
    "开展领导班子和领导干部深度调研分析 12轮",
    "得到职级晋升的优秀公务员 139名",
    "急难险重一线提拔年轻干部 126人",
    "成功创建省级基层党建示范社区的社区 3个",
    "承诺事项 3.6万余件",
    "投资建成智慧城市联动中心 3000万元",
    "报送出勤和工作情况的干部 298名",
    "抽选调研员 2名",
    "担任专项工作督查组组长的干部 10名",
    "担任社区调研员的干部 86名",
    "担任非公党建指导员的干部 12名",
    "招录优秀公务员 75名",
    "换届后乡镇领导班子成员平均年龄较上届下降 4.1岁",
    "排查出的软弱涣散基层党组织 10个",
    "排查化解矛盾纠纷 1800余件",
    "接入城市部件 10万多个",
    "接入视频监控 3700多路",
    "接受干部诉求 322人次",
    "接受心理素质教育与引导的基层干部 1520多名",
    "推动职级晋升的公务员 633名",
    "推广新技术 37项",
    "推荐到市级主管部门跟班学习 36人",
    "推荐获全国第九届“人民满意的公务员集体”称号的单位 1个",
    "提出整改措施 64条",
    "提拔使用 2人次",
    "提拔的科级干部 266名",
    "提拔重用优秀干部 420人",
    "收集意见建议 16条",
    "明确不应出具证明事项 20项",
    "明确依法协助事项 32项",
    "明确依法履职事项 33条",
    "晋升职级 49人次",
    "晋级的科级干部 441名",
    "服务经济高质量发展一线干部 25人",
    "村级集体收入 123.74万元",
    "每个街道增加事业编制 7名",
    "每个街道增加行政编制 1–2名",
    "深入一线走访群众 9万多户",
    "深入蹲点调研的乡镇 22个",
    "深入蹲点调研的村和社区 209个",
    "由高至低划分 1–5档",
    "疫情防控一线干部 5人",
    "确定工资待遇 1.0–1.3系数",
    "示范带动增收致富的群众 1.3万名",
    "站内化解率 80%以上",
    "约谈全县科级领导干部 572名",
    "组建专业志愿服务队伍 10余支",
    "组成调研小组 8个",
    "参与征地搬迁工作的干部 50余名",
    "组织巡回宣讲 8场次",
    "细化可予以容错情形 11种",
    "给予工作经费补助 1万元",
    "编发学习资料 1200余份",
    "脱贫攻坚一线干部 143人",
    "落实村（社区）干部正向激励措施 10条",
    "解决“吹哨”事项 1000多个",
    "解决企业技术难题 12项",
    "解决群众反映问题 2.4万件",
    "记二等功的个人 13名",
    "记二等功的单位 7个",
    "设立二、三级联动中心的乡镇（街道） 9个",
    "设立二、三级联动中心的村（社区） 40个",
    "设立关心关爱干部帮扶基金 100万元",
    "评选激励正面典型 2人",
    "调整优化问题较多的领导班子 3个",
    "软弱涣散村党组织 10个",
    "软弱涣散村党组织村均收入 35.6万元",
    "软弱涣散村党组织村均收入较上一年度增幅 37.5%",
    "进行专项审计的村（社区）财务 209个",
    "进行优化调整的软弱涣散村党组织书记 4个",
    "进行整顿转化的村级党组织 96个",
    "进行社区民调的拟提拔干部 31名",
    "选派到村挂职的乡镇年轻干部 151名",
    "选派到乡镇挂任脱贫攻坚（乡村振兴）专职副书记的优秀年轻科级干部 50余名",
    "选派到包河区、郎溪县、义乌市、驻外招商以及征地拆迁一线挂职锻炼、跟班学习的干部 300多名",
    "选派到沪苏浙地区体悟实训 10人",
    "选派参与驻村工作的“老基层” 7名",
    "通报干部担当作为反面典型 2人",
    "遴选赴省内外农业高校进修培养的农业生产经营人才 10名",
    "遴选高校教师、党校讲师、企业高管、技术专家、电商达人 20多名",
    "配备专职组织干事 1名",
    "非因个人原因受处分期满的干部 7名",
]

# outcomes kept out of display (ckg:displayable false): scopes, thresholds, a bare verb, a share of nothing,
# rules (how often something is to be done)
HIDDEN = [
    "排名后的村党组织书记 10%",  # a cut-off (对排名后10%的…), not a result
    "县（市、区）排名靠前 10个",  # the field of a ranking (在10个县（市、区）排名靠前), from the lead paragraph
    "明确不得晋升的情形 4种",
    "明确优先晋升的情形 2种",
    "开展各类公务员专题培训 不少于2次",
    "开展集中培训 1次",
    "组织领导干部到国内著名高校、省内外先进地区学习 1–2次",
    "举办 38期",
    "公务员晋升率 50岁以上",
    "年轻科干 35岁以下",
    "方面 6个",
    "比例 不超过20%",
    "立足干部政治素质、生活作风、社会交往、社区管理方面 4个",
    "细化标准 12条",
    "聚焦情形 6种",
]

# the ranges of the sample, as written, with both ends
RANGES = ["1.0–1.3系数", "1–2名", "1–2名", "1–2次", "1–5档"]

_TIME_OR_CONNECTIVE = re.compile(
    r"^(?:(?:19|20)\d{2}年|近(?:些|几)?年|今年|去年|目前|近期|同时|此外|另外|一方面|另一方面|首先|其次|最后|因此|"
    r"为进一步|为了|为切实)|以来$|^\S{0,6}以来"
)
_CJK_GAP = re.compile(r"[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]")


def _rows(store: Path, sparql: str) -> list[dict[str, str]]:
    with GraphStore(store, read_only=True) as gs:
        res = gs.query(PREFIXES + sparql)
        names = [v.value for v in res.variables]
        return [{n: (s[n].value if s[n] is not None else "") for n in names} for s in res]


def _outcomes(store: Path) -> list[tuple[str, str]]:
    found = _rows(
        store,
        """SELECT ?label ?value ?shown WHERE {
             ?o a ckg:Outcome ; rdfs:label ?label ; ckg:valueText ?value .
             OPTIONAL { ?o ckg:displayable ?d } BIND(COALESCE(STR(?d), "true") AS ?shown) }""",
    )
    return [(f"{r['label']} {r['value']}", r["shown"]) for r in found]


def test_every_displayed_outcome_label_was_read(sample_store):
    found = _outcomes(sample_store)
    assert sorted(text for text, shown in found if shown == "true") == sorted(SHOWN)
    assert sorted(text for text, shown in found if shown == "false") == sorted(HIDDEN)


def test_shown_labels_name_something(sample_store):
    """No displayed label is a general noun alone, a bare fragment or a figure (what was wrong before)."""
    for text in SHOWN:
        label = text.rsplit(" ", 1)[0]
        assert label not in {"方面为主", "情形", "措施", "方面", "比例", "占比", "单位", "个人", "干部"}, text
        assert not re.search(r"\d\s*[人名个件项次]", label) and not label.startswith(("的", "、")), text
        assert not label.endswith(("的", "、", "和")), text


def test_every_range_is_whole(sample_store):
    found = _rows(
        sample_store,
        """SELECT ?v ?min ?max WHERE { ?o a ckg:Outcome ; ckg:valueText ?v ; schema:value ?min ;
             schema:maxValue ?max }""",
    )
    assert sorted(r["v"] for r in found) == sorted(RANGES)
    for r in found:  # the stored numbers and the text agree: 1.0 and 1.3 in 1.0–1.3系数
        low, high = re.match(r"([\d.]+)–([\d.]+)", r["v"]).groups()
        assert float(low) == float(r["min"]) and float(high) == float(r["max"])


def test_approximations_stay_where_written(sample_store):
    values = {r["v"] for r in _rows(sample_store, "SELECT ?v WHERE { ?o ckg:valueText ?v }")}
    assert {"3.6万余件", "300多名", "80%以上", "不少于2次", "10万多个", "不超过20%"} <= values


def test_no_practice_label_is_a_time_phrase_or_connective(sample_store):
    labels = [r["l"] for r in _rows(sample_store, "SELECT ?l WHERE { ?p a ckg:Practice ; rdfs:label ?l }")]
    assert len(labels) >= 70
    for label in labels:
        assert not _TIME_OR_CONNECTIVE.search(label), label
        assert "**" not in label and len(label) <= 30, label
        assert label.count("“") == label.count("”") and label.count("《") == label.count("》"), label
    assert "细化工作重点：“三进三问三听”" in labels  # a short heading with the practice's own slogan


def test_no_one_character_type_label(sample_store):
    found = _rows(
        sample_store,
        """SELECT ?c ?l WHERE { { ?c a ckg:PracticeType } UNION { ?c a ckg:TargetGroup }
             ?c skos:prefLabel ?l FILTER(LANG(?l) = "zh") }""",
    )
    assert found and all(len(r["l"]) >= 2 for r in found), [r["l"] for r in found if len(r["l"]) < 2]
    top = {r["l"] for r in found if r["c"].rsplit("/", 1)[1] in ("select", "cultivate", "manage", "use")}
    assert top == {"干部选拔", "干部培养", "干部管理", "干部使用"}
    # the frame's one-character names still find their concept
    alt = _rows(sample_store, 'SELECT ?c WHERE { ?c skos:altLabel "选"@zh }')
    assert [r["c"].rsplit("/", 1)[1] for r in alt] == ["select"]


def test_a_regulation_in_the_lead_paragraph_is_cited(sample_store):
    found = _rows(
        sample_store,
        """SELECT ?title ?kind WHERE { ?a a ckg:Article ; dcterms:title ?title ; ckg:cites ?d .
             ?d dcterms:title "公务员奖励规定"@zh ; a ?kind }""",
    )
    assert [r["title"] for r in found] == ["四川巴中市：用好奖励“指挥棒” 激发干部“源动力”"]
    assert found[0]["kind"].endswith("#PolicyDocument")
    # a practice cites what its own text cites, and nothing from its article's lead
    by_practice = _rows(
        sample_store,
        """SELECT ?l WHERE { ?p a ckg:Practice ; ckg:cites/dcterms:title "公务员奖励规定"@zh ; rdfs:label ?l }""",
    )
    assert by_practice == []
    cited = _rows(
        sample_store,
        """SELECT ?l WHERE { ?p a ckg:Practice ; rdfs:label ?l ;
             ckg:cites/dcterms:title "公务员考核记功奖励有关事宜的通知"@zh }""",
    )
    assert [r["l"] for r in cited] == ["强化市县统筹"]


def test_practice_display_text_is_clean(sample_store):
    found = _rows(
        sample_store,
        """SELECT ?l ?quote ?norm WHERE { ?p a ckg:Practice ; rdfs:label ?l ; ckg:normalizedText ?norm ;
             prov:wasDerivedFrom/ckg:quote ?quote }""",
    )
    assert len(found) >= 70
    debris = 0
    for r in found:
        shown = display_text(r["quote"])
        debris += bool(_CJK_GAP.search(r["quote"]) or "**" in r["quote"] or "\n" in r["quote"].strip())
        assert not _CJK_GAP.search(shown) and "**" not in shown, (r["l"], shown)
        assert not re.search(r"[^。！？；…”’）\n]\n", shown), (r["l"], shown)  # breaks only between sentences
        assert shown.replace("\n", "") == r["norm"]  # the sample is simplified: display = normalised text
    assert debris >= 10  # the sample's quotes do carry conversion debris


@pytest.mark.parametrize("name", [b.name for b in q.bundled()])
def test_bundled_queries_show_chinese_labels(sample_store, name):
    """No bundled query answers with a vocabulary's English label (Assessment and evaluation beside 考核评价)."""
    english = set()
    for ttl in (ROOT / "ontology" / "vocab").glob("*.ttl"):
        english |= set(re.findall(r'"([^"]+)"@en', ttl.read_text("utf-8")))
    with GraphStore(sample_store, read_only=True) as gs:
        res = q.run(gs, name, limit=5000)
        names = [v.value for v in res.variables]
        cells = [s[n].value for s in res for n in names if s[n] is not None]
    assert cells
    leaked = {c for c in cells for part in re.split("[、；]", c) if part in english}
    assert not leaked, leaked


def test_display_text_examples():
    """The display module's own examples (Markdown, spaces, page breaks, traditional items, stray characters)."""
    import doctest

    import kg.text.display as module

    result = doctest.testmod(module)
    assert result.attempted >= 5 and result.failed == 0
    with pytest.raises(ValueError):
        display_text("干部", script="traditional")


def test_a_memo_cites_policies_and_only_mentions_other_works(sample_store):
    """文中引用 lists policy documents; a TV column, a film or a book the text names is 文中提及."""
    from kg.report import similar_report

    works = {r["t"] for r in _rows(sample_store, "SELECT ?t WHERE { ?w a ckg:NamedWork ; dcterms:title ?t }")}
    policies = {
        r["t"] for r in _rows(sample_store, "SELECT ?t WHERE { ?w a ckg:PolicyDocument ; dcterms:title ?t }")
    }
    assert works and policies
    with GraphStore(sample_store, read_only=True) as gs:
        md = "\n".join(similar_report(gs, place) for place in ("太湖县", "宜秀区", "岳西县", "桐城市"))
    cited = {t for line in re.findall(r"文中引用：(.*)", md) for t in re.findall(r"《(.+?)》", line)}
    mentioned = {t for line in re.findall(r"文中提及：(.*)", md) for t in re.findall(r"《(.+?)》", line)}
    assert cited and cited <= policies
    assert mentioned and mentioned <= works


def test_a_wrapped_line_opening_with_a_part_marker_is_joined_and_a_tables_rows_stay_rows():
    """pdftotext -layout wraps lines mid-word (提拔使 / 用。); a line opening with 三是 that runs on is no
    heading. A table's rows keep their breaks: joined, 2021年 14 6 and 2022年 read as 62022年."""
    text = "三是使用到位。坚持对表现优秀的及时提拔使\n用。情况如下：\n年度\t录用（名）\t提拔（名）\n2021年\t14\t6\n2022年\t17\t4\n同时，建立档案。"
    assert display_text(text) == (
        "三是使用到位。坚持对表现优秀的及时提拔使用。情况如下：\n年度\t录用（名）\t提拔（名）\n2021年\t14\t6\n"
        "2022年\t17\t4\n同时，建立档案。"
    )
