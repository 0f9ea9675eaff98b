"""Golden tests over the sample: what a reader copies into a memo (issue 15, the readers' side).

Every report of every locality of the sample (Markdown, HTML, JSON, and Word for the province- and
city-level reports, which hold every practice), a free-text report, the view site's pages and data files
and the network pages are rendered from a store built from the bundled sample, and their text is checked:

- no space between two Chinese characters that the normalised text does not have (a headline written
  "抓重点 搭平台 强效能" keeps its spaces; "专项整 顿先行" loses the conversion's);
- no Markdown `**`;
- every range of the sample whole, as written (1.0–1.3系数, 1–5档), never cut to its lower end;
- every outcome a report shows is in SHOWN below: each was read, and says what was counted; the outcomes
  the graph marks as not displayable are in no output;
- no one-character practice type or target group label;
- a document cited only in an article's lead paragraph is shown with the article's practices.

The exact source text is allowed where it is offered as such (the HTML's folded 查看原文, the site's
`source` column, `--source-text`): those are checked to be exact instead.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from kg.catalog.places import locality_names
from kg.report.build import build_report
from kg.report.formats import render
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
CJK = "\u4e00-\u9fff"
GAP = re.compile(rf"[{CJK}][ \t\u3000]+[{CJK}]")
# what is offered as the exact source text: the HTML report's folded source, Markdown's --source-text fence
VENDORED = re.compile(r"<script>\s*/\*\*\s*\*\s*vis-network.*?</script>", re.S)  # the inlined library
SOURCE_BLOCK = re.compile(r'<details class="source">.*?</details>|```text\n.*?\n```', re.S)
WORD_LEVELS = ("安徽省", "四川省", "山东省", "陕西省")  # the Word reports: together every practice
TEXT_QUERY = "对村党组织书记分级定档，报酬与档次挂钩"

# Every outcome the sample's reports show (label and figure as written, as a report prints them).
# Read one by one: each says what was counted beside its figure.
SHOWN = """
35岁以下年轻科干107人
35岁以下年轻科干占比10.97%
50岁以上公务员晋升率70%
“包乡走村入户”的县级党员领导干部30名
下沉村（社区）的区直机关局长驻点团队54个
主体班次28个
举办专题青蓝工程2期
了解掌握干部特殊困难57件
予以容错免责的村书记2名
争取来岳挂职帮助工作的干部30余名
享受人才服务10余项
任职一年以上的村书记101名
优选兼职组织员1–2名
修订完善本土博士回引计划11处
党政正职8人
入库的农村产业发展带头人312人
公务员年度评优比例提高5%
公开区直部门、乡镇（街道）权责事项988项
内设轻量级应用80多个
出台规范性文件3个
分获全省第六届“人民满意的公务员集体”和“人民满意的公务员”称号的个人2名
分获全省第六届“人民满意的公务员集体”和“人民满意的公务员”称号的单位1个
刊发退出领导岗位干部先进典型事迹2期
制定“两委”履职清单28条
制定挂职村发展计划25个
制定整顿措施55项
制定整顿标准65条
制定社区事务准入清单26条
制播《初心不改为民服务》专题宣传片1部
化解矛盾诉求8200多个
协调解决群众急难愁盼问题2600多个
县政府工作部门正职平均年龄下降3.9岁
县直机关选派到软弱涣散村任党组织第一书记的后备干部16名
参训学员6910余人
发放关爱基金16.5万元
发放关爱基金的退出领导岗位干部15名
取消干部任用资格6人
推荐提名为党代表人选的受诫勉影响党员干部11名
嘉奖的基层公务员6023人次
回引挂任“荣誉村主任”“企业副总”36人
因社会交往等方面问题暂缓干部任用程序的干部1名
因积极履行社会责任、在干群中评价较高被提拔到关键岗位的干部3名
培养储备村级后备干部412名
培训农村产业发展带头人1250人次
基层公务员记三等功1234人次
完成职级套转的公务员773名
完成试用期满考核工作的选调生13名
实时交互的二三级联动中心49个
实现进村（社区）办理的基本公共服务事项3900多项
对接争取市级行政权力事项下放15项
对照省委巡视反馈的方面6个
对照省委巡视反馈的问题11个
省委组织部选人用人专项检查反馈的方面12个
省委组织部选人用人专项检查反馈的问题31个
帮助解决诉求109件
帮扶困难干部33.7万元
帮扶困难干部49人次
常驻的城管执法中队1个
建成主题数据库12个
建成基础数据库6个
建成社区大党委14个
建成红领工作站的村和社区40个
建成街道大党工委7个
建立常态化沟通渠道的博士人才204名
开展公务员职级晋升314人次
开展公务员职级晋升9批次
开展各类服务675次
开展政治监督谈话80人次
开展讲、学、传、习、评等活动4000多场次
开展领导班子和领导干部深度调研分析12轮
得到职级晋升的优秀公务员139名
急难险重一线提拔年轻干部126人
成功创建省级基层党建示范社区的社区3个
承诺事项3.6万余件
投资建成智慧城市联动中心3000万元
报送出勤和工作情况的干部298名
抽选调研员2名
担任专项工作督查组组长的干部10名
担任社区调研员的干部86名
担任非公党建指导员的干部12名
招录优秀公务员75名
换届后乡镇领导班子成员平均年龄较上届下降4.1岁
排查出的软弱涣散基层党组织10个
排查化解矛盾纠纷1800余件
接入城市部件10万多个
接入视频监控3700多路
接受干部诉求322人次
接受心理素质教育与引导的基层干部1520多名
推动职级晋升的公务员633名
推广新技术37项
推荐到市级主管部门跟班学习36人
推荐获全国第九届“人民满意的公务员集体”称号的单位1个
提出整改措施64条
提拔使用2人次
提拔的科级干部266名
提拔重用优秀干部420人
收集意见建议16条
明确不应出具证明事项20项
明确依法协助事项32项
明确依法履职事项33条
晋升职级49人次
晋级的科级干部441名
服务经济高质量发展一线干部25人
村级集体收入123.74万元
每个街道增加事业编制7名
每个街道增加行政编制1–2名
深入一线走访群众9万多户
深入蹲点调研的乡镇22个
深入蹲点调研的村和社区209个
由高至低划分1–5档
疫情防控一线干部5人
确定工资待遇1.0–1.3系数
示范带动增收致富的群众1.3万名
站内化解率80%以上
约谈全县科级领导干部572名
组建专业志愿服务队伍10余支
组成调研小组8个
参与征地搬迁工作的干部50余名
组织巡回宣讲8场次
细化可予以容错情形11种
给予工作经费补助1万元
编发学习资料1200余份
脱贫攻坚一线干部143人
落实村（社区）干部正向激励措施10条
解决“吹哨”事项1000多个
解决企业技术难题12项
解决群众反映问题2.4万件
记二等功的个人13名
记二等功的单位7个
设立二、三级联动中心的乡镇（街道）9个
设立二、三级联动中心的村（社区）40个
设立关心关爱干部帮扶基金100万元
评选激励正面典型2人
调整优化问题较多的领导班子3个
软弱涣散村党组织10个
软弱涣散村党组织村均收入35.6万元
软弱涣散村党组织村均收入较上一年度增幅37.5%
进行专项审计的村（社区）财务209个
进行优化调整的软弱涣散村党组织书记4个
进行整顿转化的村级党组织96个
进行社区民调的拟提拔干部31名
选派到村挂职的乡镇年轻干部151名
选派到乡镇挂任脱贫攻坚（乡村振兴）专职副书记的优秀年轻科级干部50余名
选派到包河区、郎溪县、义乌市、驻外招商以及征地拆迁一线挂职锻炼、跟班学习的干部300多名
选派到沪苏浙地区体悟实训10人
选派参与驻村工作的“老基层”7名
通报干部担当作为反面典型2人
遴选赴省内外农业高校进修培养的农业生产经营人才10名
遴选高校教师、党校讲师、企业高管、技术专家、电商达人20多名
配备专职组织干事1名
非因个人原因受处分期满的干部7名
""".split()

# outcomes the graph marks ckg:displayable false (a scope, a threshold, a bare verb): in no output
HIDDEN = [
    "举办38期",
    "聚焦情形6种",
    "方面6个",
    "细化标准12条",
    "比例不超过20%",
    "年轻科干35岁以下",
    "排名后的村党组织书记10%",  # a cut-off (对排名后10%的…), not a result
]
# the sample's ranges as written, and the lower end alone as the readers printed them before
RANGES = ["确定工资待遇1.0–1.3系数", "由高至低划分1–5档", "优选兼职组织员1–2名", "每个街道增加行政编制1–2名"]
CUT = re.compile(r"确定工资待遇\s*1(?:\.0)?\s*系数|划分\s*1\s*档")


@pytest.fixture(scope="module")
def rendered(sample_store, tmp_path_factory) -> dict[str, str]:
    """name -> text a person reads, for every output of the sample."""
    from docx import Document

    from kg.site import render_site
    from kg.views import render_filtered

    out: dict[str, str] = {}
    with GraphStore(sample_store, read_only=True) as gs:
        for name in sorted(set(locality_names(gs).values())):
            rep = build_report(gs, name)
            for fmt in ("md", "html", "json"):
                out[f"report/{name}.{fmt}"] = render(rep, fmt)
            if name in WORD_LEVELS:
                doc = Document(io.BytesIO(render(rep, "docx")))
                cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
                out[f"report/{name}.docx"] = "\n".join([p.text for p in doc.paragraphs] + cells)
        text = build_report(gs, TEXT_QUERY, is_text=True)
        for fmt in ("md", "html", "json"):
            out[f"report/text.{fmt}"] = render(text, fmt)
    base = tmp_path_factory.mktemp("memo")
    render_site(sample_store, base / "site")
    with GraphStore(sample_store, read_only=True) as gs:  # the one page the old views still make (kg viz -o)
        render_filtered(gs, base / "views" / "filtered.html")
    for f in sorted((base / "site").rglob("*.html")) + sorted((base / "views").glob("*.html")):
        out[str(f.relative_to(base))] = VENDORED.sub("", f.read_text("utf-8"))
    for f in sorted((base / "site" / "data").glob("*.js")):
        out[str(f.relative_to(base))] = _site_data_text(f.read_text("utf-8"))
    return out


def _site_data_text(script: str) -> str:
    """The strings of a site data file as JSON, without the `source` column (the exact source text,
    offered as such and checked apart)."""
    value = json.loads(script[script.index("] = ") + 4 : script.rstrip().rindex(";")])
    rows = value.get("rows") if isinstance(value, dict) else None
    if rows and isinstance(rows[0], list) and len(rows[0]) == 15:  # practice rows: source is last
        value = {**value, "rows": [r[:-1] for r in rows]}
    return json.dumps(value, ensure_ascii=False)


def _shown(text: str) -> str:
    return SOURCE_BLOCK.sub("", text)


@pytest.fixture(scope="module")
def allowed_gaps(sample_store) -> set[str]:
    """Spaces between Chinese characters that the normalised text has (headlines written with spaces)."""
    with GraphStore(sample_store, read_only=True) as gs:
        found = gs.query("SELECT ?t WHERE { { ?s ckg:normalizedText ?t } UNION { ?s dcterms:title ?t } }")
        return {m.group() for r in found for m in GAP.finditer(r[0].value)}


def test_every_output_was_rendered(rendered):
    kinds = {name.rsplit(".", 1)[-1] for name in rendered}
    assert {"md", "html", "json", "docx", "js"} <= kinds
    assert sum(name.startswith("report/") for name in rendered) >= 19 * 3 + 4
    assert "views/filtered.html" in rendered and any(name.startswith("site/place") for name in rendered)


def test_no_conversion_space_between_chinese_characters(rendered, allowed_gaps):
    assert len(allowed_gaps) >= 3  # the sample's headlines do keep spaces (抓重点 搭平台 强效能)
    bad = {}
    for name, text in rendered.items():
        gaps = {m.group() for m in GAP.finditer(_shown(text))} - allowed_gaps
        if gaps:
            bad[name] = sorted(gaps)[:8]
    assert not bad, bad


def test_no_markdown_bold_markers(rendered):
    assert not [name for name, text in rendered.items() if "**" in _shown(text)]


def test_every_range_whole(rendered):
    for name in ("report/桐城市.md", "report/桐城市.html", "report/桐城市.json", "report/安徽省.docx"):
        text = rendered[name]
        assert "确定工资待遇1.0–1.3系数" in text and "由高至低划分1–5档" in text, name
    site = "\n".join(t for n, t in rendered.items() if n.startswith("site/data/"))
    reports = "\n".join(t for n, t in rendered.items() if n.startswith("report/") and n.endswith(".md"))
    for r in RANGES:
        assert r in site and r in reports, r
    assert not [n for n, t in rendered.items() if CUT.search(t)]


def test_every_shown_outcome_was_read(rendered):
    shown = set()
    for name, text in rendered.items():
        if name.startswith("report/") and name.endswith(".json"):
            for res in json.loads(text)["results"]:
                for p in [res["practice"]] + [s["practice"] for s in res["similar"]]:
                    shown.update(p["outcomes"] if p else ())
    assert len(SHOWN) == len(set(SHOWN)) == 151
    assert shown == set(SHOWN)
    site = set()
    for name, text in rendered.items():
        if re.match(r"site/data/t\d", name):
            for row in json.loads(text)["rows"]:
                site.update(row[9])
    assert site == set(SHOWN)
    lines = [
        ln for n, t in rendered.items() if n.endswith(".md") for ln in t.splitlines() if ln.startswith("  - ")
    ]
    outcomes = {ln[4:].split(" 〔")[0] for ln in lines}
    assert len(lines) > 100 and outcomes <= set(SHOWN) and not outcomes & set(HIDDEN)


def test_shown_outcomes_name_what_was_counted():
    """A label is more than a figure, a general noun or a fragment (what readers printed before)."""
    for text in SHOWN:
        label = re.sub(r"(?:不少于|近|约)?[\d.–]+[^\d]*$", "", text)
        assert len(label) >= 4, text
        assert not label.startswith(("的", "、", "方面", "情形")) and not label.endswith(
            ("的", "、", "和")
        ), text
        assert label not in {"方面为主", "村的村党组织书记", "件余"}, text


def test_no_one_character_type_label(rendered):
    labels = set()
    for name, text in rendered.items():
        if name.startswith("report/") and name.endswith(".md"):
            for line in re.findall(r"类型：([^；\n]+)", text):
                labels.update(line.split("、"))
    index = next(t for n, t in rendered.items() if re.match(r"site/data/index", n))
    labels.update(c["label"] for c in json.loads(index)["concepts"])
    assert len(labels) >= 20 and all(len(x) >= 2 for x in labels), sorted(x for x in labels if len(x) < 2)
    assert {"干部选拔", "干部培养", "干部管理", "干部使用"} & labels


def test_documents_cited_in_a_lead_paragraph_are_shown(rendered):
    for name in ("report/巴中市.md", "report/巴中市.html", "report/四川省.docx"):
        assert "《公务员奖励规定》" in rendered[name], name
    bazhong = json.loads(rendered["report/巴中市.json"])
    assert all("公务员奖励规定" in r["practice"]["cites"] for r in bazhong["results"])


def test_the_exact_source_is_one_click_or_one_flag_away(sample_store, rendered):
    """The HTML folds each differing exact quote under 查看原文; --source-text gives it in every format;
    what is offered as the source is the source (ckg:quote, byte for byte, at its offsets)."""
    html = rendered["report/宿松县.html"]
    assert '<details class="source"><summary>查看原文' in html and "专项整 顿先行" in html
    assert "专项整 顿先行" not in _shown(html) and "专项整顿先行" in _shown(html)
    with GraphStore(sample_store, read_only=True) as gs:
        rep = build_report(gs, "宿松县", source_text=True)
        data = json.loads(render(rep, "json"))
        md = render(rep, "md")
        quotes = {
            r[0].value
            for r in gs.query("SELECT ?q WHERE { ?p a ckg:Practice ; prov:wasDerivedFrom/ckg:quote ?q }")
        }
    first = data["results"][0]["practice"]
    assert first["source_text"] in quotes and "专项整 顿先行" in first["source_text"]
    span = first["source_span"]
    files = [f.read_text("utf-8") for f in sorted((ROOT / "data").glob("*.txt"))]
    assert any(f[span["start"] : span["end"]] == first["source_text"] for f in files)
    assert first["text"].startswith("专项整顿先行") and "专项整 顿先行" in md
    assert "source_text" not in json.loads(rendered["report/宿松县.json"])["results"][0]["practice"]
