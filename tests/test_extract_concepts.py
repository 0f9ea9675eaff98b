"""SKOS vocabularies and concept matching (kg.extract.concepts)."""

import re

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.extract.concepts import (
    SCHEMES,
    broader_closure,
    classify_types,
    find_targets,
    load_scheme,
    user_dictionary_words,
)
from kg.ingest import ingest_text
from kg.paths import VOCAB_DIR

CKG = Namespace("https://w3id.org/cadrekg/ontology#")


@pytest.mark.parametrize(
    "name, cls", [("target-groups", CKG.TargetGroup), ("practice-types", CKG.PracticeType)]
)
def test_vocabulary_files_are_well_formed_skos(name, cls):
    g = Graph().parse(VOCAB_DIR / f"{name}.ttl")
    scheme = URIRef("https://w3id.org/cadrekg/id/" + SCHEMES[name])
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    assert len(concepts) >= 20
    for c in concepts:
        assert re.fullmatch(rf"https://w3id.org/cadrekg/id/{SCHEMES[name]}/[a-z0-9-]+", str(c))
        assert (c, RDF.type, SKOS.Concept) in g and (c, RDF.type, cls) in g
        langs = {lab.language for lab in g.objects(c, SKOS.prefLabel)}
        assert {"zh", "en"} <= langs, c
        for b in g.objects(c, SKOS.broader):
            assert b in concepts, (c, b)
        if not list(g.objects(c, SKOS.broader)):
            assert (c, SKOS.topConceptOf, scheme) in g, c


def test_ids_are_unique_across_schemes_and_labels_do_not_clash():
    a, b = load_scheme("target-groups"), load_scheme("practice-types")
    assert not set(a.concepts) & set(b.concepts)
    seen = {}
    for c in a.concepts.values():
        for label in (*c.labels, *c.hidden):
            assert seen.setdefault(label, c.id) == c.id, f"{label} in {seen[label]} and {c.id}"


def test_domain_groups_are_present():
    s = load_scheme("target-groups")
    for cid in [
        "village-party-secretary",
        "young-cadre",
        "older-cadre",
        "section-level-cadre",
        "selected-graduate",
        "civil-servant",
        "cadre-out-of-leading-post",
        "promotion-candidate",
        "grassroots-party-organisation",
        "weak-village-party-organisation",
        "village-committees",
        "reserve-cadre",
        "organisation-officer",
        "local-doctorate",
        "rural-industry-leader",
        "rural-cadre",
    ]:
        assert cid in s.concepts
    assert "头雁" in s["village-party-secretary"].alt and "头羊" in s["rural-industry-leader"].alt


@pytest.mark.parametrize(
    "text, expected",
    [
        ("强化村书记管理，评选担当作为好支书", ["village-party-secretary"]),
        ("引导基层头雁队伍想干事", ["village-party-secretary"]),
        ("激励年轻干部担当作为", ["young-cadre"]),
        ("激励干部担当作为", ["cadre"]),
        ('抓好村(社区)"两委"换届', ["village-committees"]),
        ("筛选致富带富“头羊”，建立农村产业发展带头人培育对象库", ["rural-industry-leader"]),
        ("打造一支年轻乡镇党务干部队伍", ["young-cadre", "party-affairs-cadre"]),
    ],
)
def test_find_targets(text, expected):
    assert sorted({h.concept for h in find_targets(text)}) == sorted(expected)


def test_hits_point_into_the_text():
    text = "对 4 个软弱涣散村党组织书记进行优化调整"
    hits = find_targets(text)
    assert [h.concept for h in hits] == ["weak-village-party-organisation", "village-party-secretary"]
    for h in hits:
        assert text[h.start : h.end] == h.label


def test_people_who_only_act_are_not_targets():
    assert [h.concept for h in find_targets("有经验的老干部定期为选调生讲解基层知识")] == [
        "selected-graduate"
    ]
    assert find_targets("邀请社区干部、老党员、周边邻居参与评议评价") == []
    assert find_targets("选派到软弱涣散村任职") == []
    assert {h.concept for h in find_targets("老党员参与评议", actors=True)} == {"party-member"}
    assert [h.concept for h in find_targets("博士大讲堂为全县领导干部授课")] == ["leading-cadre"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a post someone is promoted or recruited to
        ("近三年共有15名选调生走上科级领导岗位", {"selected-graduate"}),
        ("其中担任乡镇（街道）党政正职的4名", set()),
        ("从优秀村党组织书记中招录为乡镇公务员2名", {"village-party-secretary"}),
        # people who act: a role taken (任…书记), 联, talking with others, a mentor pool, a speaker
        ("由镇党委书记任书记，大坪村党支部书记任副书记", set()),
        ("推行组工干部联村干部机制", {"village-cadre"}),
        ("乡镇党委书记每季度至少与班子成员谈心1次", {"leading-cadre"}),
        ("把经验丰富的老干部纳入导师库", set()),
        ("一名“90后”干部说，现在心里踏实多了", set()),
        # a body opening its clause behind its place's stem
        ("。石门镇党委牵头组建产业联盟", set()),
        ("。永安满族镇党委针对农村党员年龄偏大的问题", {"party-member"}),
        ("今年以来，市委组织部和各乡镇党委走访慰问困难干部45名", {"cadre-in-hardship"}),
        ("经镇乡党委排查、区委组织部复核", set()),
        ("该县通过乡镇党委摸排、群众评议，确定整顿对象", set()),
        ("对乡镇党委开展巡察", {"township-party-committee"}),
        # an election, the seats of a body
        ("为下一届村“两委”换届做好准备", set()),
        ("指导村（社区）基层组织干事创业", {"grassroots-party-organisation"}),
        ("2021年村（社区）“两委”换届以来，全县新选任村书记", {"village-party-secretary"}),
        # a distribution footer and a reporting unit signing
        ("整顿工作全面完成。\n发送：各乡镇党委，县直各单位党组", set()),
        ("共培训村干部300人次。（青山镇党委）\n", {"village-cadre"}),
        # a bare 干部 counted after a narrower group was named refers back to it
        ("建立年轻干部人才库，对考核较差的5名干部调整出库", {"young-cadre"}),
        ("提拔年轻干部20名，占同期提拔干部总数的30%", {"young-cadre"}),
        ("建立年轻干部库，安排入库干部到村任职", {"young-cadre"}),
        ("加强村级后备干部培养，对后备干部实行年度考评", {"village-reserve-cadre"}),
        # mentors counted after 由, reviewers and leaders who lead a visit, organisations acting together,
        # bodies told to carry out a duty
        ("每名选调生由1名镇领导班子成员“一对一”帮带", {"selected-graduate"}),
        ("采取“年轻干部上讲台、领导干部当点评”方式", {"young-cadre"}),
        ("，县级领导干部带头走访慰问困难党员", {"party-member"}),
        ("，修水县各级党组织集中开展走访慰问活动", set()),
        ("要求各乡镇党委落实流出地、流入地“双向管理”责任", set()),
        ("全市组工干部要带头讲政治、守纪律", {"party-affairs-cadre"}),
        ("县级领导干部带头上讲台授课18场次", set()),
        ("实行县级领导包联、乡镇党委书记主抓、第一书记驻村帮扶“三位一体”整顿", set()),
        ("在县级领导包联和第一书记帮扶下，调整充实班子", set()),
        # who hears a report, judges, supervises or mentors; a team drawn together; a pool of mentors
        ("第一书记每季度向乡镇党委述职1次", {"first-secretary"}),
        ("其他村干部由村党组织初评、乡镇审核", {"village-cadre"}),
        ("对排名末位的2名村党组织书记由镇党委书记约谈提醒", {"village-party-secretary"}),
        ("对2名村党组织书记约谈提醒", {"village-party-secretary"}),
        ("为每名选调生配备1名县级领导干部和1名乡镇党委书记作为“成长导师”", {"selected-graduate"}),
        ("抽调组工干部37人组成9个一线考察组", set()),
        ("组建由老干部、乡土人才和驻村第一书记组成的宣讲团", set()),
        ("从退出领导岗位的干部中选聘政治素质好的56名同志担任导师，帮带年轻干部", {"young-cadre"}),
        ("县委组织部领导班子成员走访慰问困难干部", {"cadre-in-hardship"}),
        ("博士大讲堂为全县领导干部和选调生授课", {"leading-cadre", "selected-graduate"}),
        ("推动乡镇党委压实培养责任", set()),
        ("全省各级党组织认真贯彻落实", set()),
        # the whole a share is taken of; a post's assistant role; someone's own words
        ("全县35岁以下科级干部占比提高到26.8%", set()),
        ("全县科级领导干部中女干部有103名，占比24.6%", {"female-cadre"}),
        (
            "从返乡大学生、致富能手中物色村级后备干部216名，其中35岁以下的占71%",
            {"rural-industry-leader", "village-reserve-cadre"},
        ),
        ("在村“两委”助理岗位上实岗锻炼", set()),
        ("一名选调生说：“跟着老支书跑了半年牧户。”", set()),
        ("为每名选调生安排1名乡镇党委班子成员和1名优秀村党组织书记担任“双导师”", {"selected-graduate"}),
        ("对黄色党组织由镇党委班子成员“一对一”挂钩联系", set()),
        ("组建由县级领导、机关党组织书记和企业党务骨干组成的宣讲团", set()),
        ("组织镇领导班子成员、机关党员干部和老党员讲师下沉宣讲", set()),
        ("街道党工委依托楼宇党群服务站开展扫楼行动", set()),
        ("以居民区党组织为单位开展党员冬训", {"party-member"}),
        ("为边远乡镇新建干部周转房214套", set()),
        ("为乌恰镇等乡镇新建改造干部周转宿舍286套，建成干部职工食堂2个", set()),
        # a rule followed names whom it governs (a measure's own title names whom it is for)
        ("认真贯彻《党政领导干部选拔任用工作条例》《推进领导干部能上能下规定》", set()),
        ("出台《加强科级领导干部八小时以外监督管理办法》", {"section-level-cadre"}),
        ("对3名不适宜担任现职的领导干部进行组织调整", {"underperforming-cadre"}),
        ("将考核结果与干部选拔任用、评先评优直接挂钩", set()),
        # a post taken, one of two; an election; a meeting or room of the body; a body after words quoted
        ("安排42名年轻干部到乡镇担任党委副书记或村党组织第一书记", {"young-cadre"}),
        ("湖里区选派8名干部到沙县挂任乡镇党委副书记", {"cadre"}),
        ("为迎接明年村（社区）“两委”换届，沙县把村党组织书记队伍建设作为抓手", {"village-party-secretary"}),
        ("安排后备干部列席村“两委”会议", {"reserve-cadre"}),
        ("在乡党委会议室开办藏汉双语“夜校”", set()),
        ("“现在心里有底了。”江达乡党委有关负责同志介绍", set()),
        ("“逼着我们把账算清。”镇党委还将比武中发现的优秀青年纳入后备库", set()),
        # a column heading run on, a table's header, the secretaries' duty to report on party building
        ("对4名受到失实举报的干部公开澄清正名。人才工作", {"cadre"}),
        ("人才类别\t入库人数（名）", set()),
        ("将后备力量培养情况纳入乡镇党委书记抓基层党建述职评议考核的重要内容", set()),
        # a quoted formula of parts (a model, a chain of levels) names no one it serves
        ("推行“党支部+合作社+农户”模式，带动农户增收", set()),
        ("建立“1名村党组织书记+N名后备干部”传帮带机制", set()),
        # a body's members act; a body acts for others (为…建立), checks, states or is joined by an organ
        ("春节前夕，镇党委班子成员分组走访慰问老党员", {"party-member"}),
        ("实行乡镇党委委员“一对一”联系培养", set()),
        ("乡党委为外出流动党员建立“红色微信群”", {"mobile-party-member"}),
        ("第一书记“驻村日志”制度，镇党委每月查阅点评", {"first-secretary"}),
        ("镇党委明确每名在职党员每年参加志愿服务不少于12次", {"party-member"}),
        ("县委组织部联合各乡镇党委走访慰问生活困难党员", {"party-member"}),
        ("成立古镇旅游联合党支部，吸纳商户党员68名", {"grassroots-party-organisation", "party-member"}),
        # a report made to a list of hearers; a footer led by 报送/分送 in markdown
        ("村党组织书记每半年分别向党员群众和镇党委述职", {"village-party-secretary"}),
        ("- *报送：盟委组织部　分送：各苏木镇党委*", set()),
        ("各级党组织书记要履行第一责任人职责", set()),
        # a body as the means, a body that runs or recruits, a body brought new blood, a destination
        # described (到…等镇的村“两委”), one of two posts taken
        ("依托嘎查村党组织逐户走访，摸排在外务工人员", set()),
        # 干部 in a field's name (干部选用, 干部教育培训), people who help others
        ("结果与评先评优、干部选用直接挂钩", set()),
        ("分层分类开展干部教育培训", set()),
        ("今年以来，下沉干部帮助联系村引进产业项目19个", set()),
        # leaders who talk with others, who take villages in charge, mentors listed with their unit's level
        ("县委组织部和县级领导干部共与基层干部谈心谈话1350人次", {"frontline-cadre"}),
        ("全市1026名县级领导干部分包联系薄弱村2317个", set()),
        ("每名年轻干部明确1名县级领导干部、1名乡镇（部门）班子成员作为导师", {"young-cadre"}),
        # recruiting members (发展35岁以下党员), a film's title, a party-education film
        ("帮助发展35岁以下党员14名", set()),
        ("拍摄的党员教育专题片《瑶寨领头雁》获评优秀作品", set()),
        ("村党支部领办小米种植专业合作社，流转土地620亩", set()),
        ("回引3名致富能手担任村党组织书记，为村级班子注入了新鲜血液", set()),
        ("选派32名后备干部到叶盛镇、瞿靖镇等镇的村“两委”跟岗锻炼", {"reserve-cadre"}),
        ("将32名选调生安排到嘎查任职，担任嘎查党组织书记助理或社区“两委”委员", {"selected-graduate"}),
        # one person named by a title, a speaker, bodies that host or are coordinated, joint participants
        ("锦汇居民区党总支书记、今年49岁的陈晓燕带领群众", set()),
        ("其乃巴格村党支部书记阿不都热合曼·买买提说：“现在好了”", set()),
        ("——奎牙镇党委书记在全县组织工作会议上的交流发言（摘编）", set()),
        ("扎瓦镇党委在全镇14个村开办国家通用语言夜校", set()),
        ("旗委组织部统筹各苏木镇党委，分层分类开展培训", set()),
        ("由嘎查党支部书记牵头，党员、牧民代表和驻村工作队共同参与议事", set()),
        ("三是干部沉到一线。", set()),
        ("苏木党委组织双语干部、嘎查村党组织书记和牧民党员组成“马背宣讲队”5支", set()),
        # the groups in the title of a rule the practice follows (cited unbracketed, by its issuer)
        ("培训落实旗委组织部出台的关于加强蒙汉兼通干部培养使用的若干措施", set()),
    ],
)
def test_groups_named_but_not_aimed_at(text, expected):
    assert {h.concept for h in find_targets(text)} == expected


def test_generic_label_yields_to_a_narrower_one_in_the_same_clause():
    assert {h.concept for h in find_targets("将村干部分为主职、副职、一般干部三类岗位")} == {"village-cadre"}


def test_a_part_named_after_qizhong_belongs_to_the_group_before_it():
    text = "选派驻村工作队员64名，其中蒙汉兼通的双语干部21名"
    assert {h.concept for h in find_targets(text)} == {"village-work-team"}
    # a share of the trainees still names trainees
    assert {h.concept for h in find_targets("参训干部中镇（街）干部占63.5%")} == {"township-cadre"}


def test_a_scope_keeps_its_level_character():
    assert {h.concept for h in find_targets("全镇村干部国家通用语言达标率提高到83%")} == {"village-cadre"}


def test_classify_types():
    assert (
        classify_types("严格考勤和请销假制度，明察暗访在岗履职情况", "日常管理规范化")[0]
        == "daily-management"
    )
    assert classify_types("出台容错纠错实施办法，对被容错的干部不作负面评价")[0] == "fault-tolerance"
    assert classify_types("每年评定党组织星级，授星挂牌", "科学设“星”")[0] == "star-rating"
    assert "heart-to-heart-talk" in classify_types("开展谈心谈话", "用好谈心谈话")
    assert classify_types("今天天气很好") == []


def test_heading_cues_weigh_more():
    text = "建立科级干部心理健康档案，开展谈心谈话"
    assert classify_types(text, "注重人岗适配")[0] == "appointment"


def test_user_dictionary_and_closure():
    words = user_dictionary_words()
    assert "村党组织书记" in words and "选人用人检查" in words
    assert not any(ch in w for w in words for ch in '“”" ')
    assert broader_closure("selected-graduate") == {"selected-graduate", "young-cadre", "cadre"}
    assert broader_closure("star-rating") == {"star-rating", "grassroots-building"}
    with pytest.raises(KeyError):
        broader_closure("no-such-concept")


def test_labels_match_across_ignored_characters_and_map_back_to_the_text():
    text = "选派年 轻干部和“选调 生”到村(社区)任职，加强村(社区)“两委”班子建设"
    hits = find_targets(text)
    assert [(h.concept, h.label) for h in hits] == [
        ("young-cadre", "年 轻干部"),
        ("selected-graduate", "选调 生"),
        ("village-committees", "村(社区)“两委”班子"),
    ]
    assert all(text[h.start : h.end] == h.label for h in hits)


def test_bodies_that_recommend_or_propose_and_groups_in_a_motto_are_no_targets():
    text = "通过个人自荐、群众推荐、党组织推荐等方式，在全县储备村级后备干部120名。"
    assert [h.concept for h in find_targets(text)] == ["village-reserve-cadre"]
    note = "坚持落实“四议两公开”，即村党组织提议、村“两委”会议商议、党员大会审议。"
    assert "village-party-organisation" not in [h.concept for h in find_targets(note)]
    motto = "按照“党员流到哪里，组织就建到哪里”的思路，在流动党员集中地建立流动党员党支部3个。"
    assert "party-member" not in [h.concept for h in find_targets(motto)]


def test_broad_cue_labels_hint_but_do_not_classify():
    # ckg:cueLabel wordings (管理, 评优评先, 驻村 …) stay in the vocabulary for the link stage's type profiles
    assert "管理" in load_scheme("practice-types")["manage"].cues
    assert "管理" in user_dictionary_words()
    assert classify_types("严格管理干部队伍，加强管理。") == []
    assert classify_types("考核结果与评优评先、提拔使用挂钩，对排名靠后的进行约谈。") == ["assessment"]


def test_a_people_name_made_of_a_verb_is_no_cue_of_that_verb():
    # 选调生 are who a recruitment took in: a practice for them is not a recruitment
    assert "recruitment" not in classify_types("为每名选调生确定1名导师，开展传帮带，选调生到村任职锻炼。")
    assert "recruitment" in classify_types("面向高校定向选调优秀毕业生，选调工作实行全程纪实。")


def test_a_study_tour_is_training_not_vetting():
    assert classify_types("组织全镇38名村两委干部赴浙江外出考察学习乡村旅游经验。") == ["training"]


def test_an_article_of_one_measure_is_classified_with_its_headline():
    b = ingest_text(
        "XX组工信息\n第3期\n中共XX县委组织部　2024年5月6日\n\n青山镇举办乡土人才技能比武活动\n"
        "近日，青山镇举办技能比武，46名土专家同台竞技，评选出10名能手。\n"
    )
    assert [p.types for a in b.articles for p in a.practices] == [("talent-development",)]
