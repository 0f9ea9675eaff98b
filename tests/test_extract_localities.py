"""Gazetteer and place mentions (kg.extract.localities)."""

import pytest

from kg.extract import localities as L
from kg.extract.localities import city_of_bulletin, find_localities, gazetteer, leading_locality, resolve


def codes(loc):
    return [x.code for x in loc.chain()]


@pytest.mark.parametrize(
    "name, chain",
    [
        ("岳西县", ["340828", "340800", "340000"]),
        ("怀宁县", ["340822", "340800", "340000"]),
        ("桐城市", ["340881", "340800", "340000"]),  # county-level city
        ("大观区", ["340803", "340800", "340000"]),
        ("宜秀区", ["340811", "340800", "340000"]),
        ("四川巴中市", ["511900", "510000"]),
        ("山东济宁", ["370800", "370000"]),
        ("渭南市合阳县", ["610524", "610500", "610000"]),
        ("四川省中江县", ["510623", "510600", "510000"]),
        ("安庆", ["340800", "340000"]),
        ("浦东新区", ["310115", "310000"]),  # municipality: no pseudo-city 市辖区 in between
        ("潜山县", ["340882", "340800", "340000"]),  # former name (county -> city 2018)
        ("梅列区", ["350404", "350400", "350000"]),  # merged into 三元区 (2021): a new code, not a renaming
        ("苏州市沧浪区", ["320508", "320500", "320000"]),  # one of three merged into 姑苏区 (2012)
        ("阿克苏地委", ["652900", "650000"]),  # a prefecture by its party committee
        ("喀什行署", ["653100", "650000"]),
    ],
)
def test_resolve_loose_forms(name, chain):
    m = resolve(name)
    assert m.reason is None
    assert codes(m.locality) == chain


def test_levels_and_names():
    assert resolve("桐城市").locality.level == "county"
    assert resolve("四川巴中市").locality.name == "巴中市"
    assert resolve("四川省").locality.level == "province"


def test_town_under_county():
    loc = resolve("微山县微山岛镇").locality
    assert (loc.name, loc.level, loc.code) == ("微山岛镇", "town", None)
    assert loc.parent.code == "370826"
    assert loc.key == "370826-微山岛镇"


def test_ambiguous_is_not_guessed():
    m = resolve("朝阳区")
    assert m.locality is None
    assert m.reason.startswith("ambiguous: 朝阳区")
    assert "北京市" in m.reason and "长春市" in m.reason
    assert resolve("朝阳区", within=resolve("北京市").locality).locality.code == "110105"
    assert resolve("鼓楼区", within=resolve("福州市").locality).locality.code == "350102"


def test_unknown():
    m = resolve("火星县")
    assert m.locality is None and m.reason == "unknown"


def test_within_prefers_the_bulletins_own_city():
    anqing = resolve("安庆").locality
    assert resolve("太湖县", within=anqing).locality.code == "340825"


def test_find_localities_lists_places_longest_first():
    text = "选派干部到包河区、郎溪县、义乌市挂职，争取合肥市等单位干部来岳挂职"
    assert [(m.text, m.locality.code) for m in find_localities(text)] == [
        ("包河区", "340111"),
        ("郎溪县", "341821"),
        ("义乌市", "330782"),
        ("合肥市", "340100"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "深入东北新城等209个村",
        "太湖风光",
        "老城区和主城区",
        "乡镇和县直单位",
        "安徽农业大学",
        "江浙沪学习考察",
        "县市区开展擂台赛",
        "强化村党组织书记专业化管理",
        "全省第六届",
        "实施“归雁兴村”行动，吸引在外人才回乡",  # a quoted slogan ending in 村
    ],
)
def test_no_false_positives_on_ordinary_words(text):
    assert find_localities(text) == []


def test_chains_and_towns_in_text():
    ms = find_localities("山东省济宁市不断优化……微山县微山岛镇党委书记王绍明说")
    assert [m.text for m in ms] == ["山东省济宁市", "微山县微山岛镇"]
    assert ms[1].locality.level == "town" and ms[1].locality.parent.name == "微山县"


def test_anaphora_resolves_by_level():
    taihu = resolve("太湖县").locality
    ms = {m.text: m for m in find_localities("全县上下，高于全市平均分", within=taihu)}
    assert ms["全县"].locality.code == "340825" and ms["全县"].reason == "anaphora"
    assert ms["全市"].locality.code == "340800"
    assert find_localities("全县上下") == []  # no context: nothing to resolve to


def test_standalone_village_under_the_articles_place():
    jining = resolve("山东济宁").locality
    ms = find_localities("“大官村党支部书记带领村民打造美食街", within=jining)
    assert [(m.text, m.locality.level) for m in ms] == [("大官村", "village")]
    # the village list knows its town and county (微山县微山岛镇)
    assert [loc.code for loc in ms[0].locality.chain()][2:] == ["370826", "370800", "370000"]
    ms = find_localities("“某某村党支部书记带领村民打造美食街", within=jining)
    assert [(m.text, m.locality.parent.code) for m in ms] == [("某某村", "370800")]  # unlisted: the city


def test_a_community_alone_is_a_place_only_before_its_own_bodies():
    dongcheng = resolve("北京市东城区").locality
    ms = find_localities("鸿顺园社区党委书记介绍，社区设立议事厅", within=dongcheng)
    assert [(m.text, m.locality.level, m.locality.parent.code) for m in ms] == [
        ("鸿顺园社区", "village", "110101")
    ]
    for generic in ("推动城市社区党委", "基层社区党委书记", "老旧社区党支部", "鸿顺园社区开展"):
        assert find_localities(generic, within=dongcheng) == [], generic


@pytest.mark.parametrize(
    "title, expected",
    [
        ("怀宁县：擦亮星级创评品牌", ("怀宁县", 3)),
        ("太湖县着力打造一支高素质专业化年轻乡镇党务干部队伍", ("太湖县", 3)),
        ("四川省中江县立“杆”见“效”严格选调生试用期管理", ("四川省中江县", 6)),
        ("渭南市合阳县：“四点发力”激发公务员队伍活力", ("渭南市合阳县", 6)),
        ("山东济宁：实绩考核促头雁竞飞", ("山东济宁", 4)),
        ("四川巴中市：用好奖励“指挥棒”", ("四川巴中市", 5)),
        ("宿松县“三个先行”抓好村(社区)“两委”换届准备工作", ("宿松县", 3)),
        ("“三向”发力促规范 选任质效双提升", None),
        ("太湖风光", None),
    ],
)
def test_leading_locality(title, expected):
    assert leading_locality(title) == expected


def test_city_of_bulletin():
    assert city_of_bulletin("安庆组工信息", "中共安庆市委组织部研究室").code == "340800"
    assert city_of_bulletin("安庆组工信息", None).code == "340800"
    assert city_of_bulletin("赣州组工动态", None).code == "360700"
    assert city_of_bulletin(None, None) is None
    assert city_of_bulletin("组工简报", "中共阿克苏地委组织部").code == "652900"


def test_year_table_is_explicit():
    assert L.YEAR <= 2024 and str(L.YEAR) in L.TABLE.name
    assert L.TABLE.exists(), "run python -m kg.extract.localities --rebuild"
    L.gazetteer.cache_clear()
    g = gazetteer()  # read from the shipped table (its load time is the bench's, not a test's)
    assert g.by_code("340828").name == "岳西县"


# ---- division names that are ordinary words (kg.extract.place_words) ---------------------------------


def test_the_shipped_list_of_place_words_is_what_the_table_and_jieba_give():
    from kg.extract import place_words

    rows = L._read_table(L.TABLE)[0]
    assert place_words._lines() == place_words.derive(rows), "run python -m kg.extract.localities --rebuild"
    assert {"会同", "通道", "和平", "新建", "江口", "长安", "延长", "资源"} <= place_words.stems()
    # a 县 whose stem jieba tags as a place name is a place in running text (东至县, 太湖县), a bare stem not
    assert {"东至", "太湖"} <= place_words.named_places() and "会同" not in place_words.named_places()
    assert "河南" not in place_words.named_places()  # 河南县级干部: the province's
    assert (
        not {"城步", "合肥", "襄阳"} & place_words.stems()
    )  # rare as a word; prefecture cities are left out


WANGKUI = resolve("望奎县").locality  # a county bulletin in 黑龙江
TONGREN = resolve("铜仁市").locality


@pytest.mark.parametrize(
    "text, within, found",
    [
        ("县委组织部会同县人社局开展联合检查", WANGKUI, []),  # 会同 "together with"
        ("由县委组织部牵头，会同县市场监管局开展检查", WANGKUI, []),
        ("适当延长县直机关年轻干部挂职时间", WANGKUI, []),
        ("推动人才资源县域统筹", None, []),
        ("今年新建区级党群服务中心2个", None, []),
        ("组织干部赴会同县学习", WANGKUI, ["会同县"]),  # after a word that introduces a place
        ("湖南会同县推行积分制", WANGKUI, ["湖南会同县"]),  # in a chain
        ("江口县将村党组织书记纳入县级备案管理", TONGREN, ["江口县"]),  # the bulletin's own city
        ("学习借鉴合肥市的做法", None, ["合肥市"]),  # a prefecture city is always a place
        ("选派干部到包河区、郎溪县挂职", None, ["包河区", "郎溪县"]),
        ("近年来，石门县结合干部队伍实际，推行多岗锻炼", None, ["石门县"]),  # a subject before its measure
        ("由县委组织部牵头，会同县直单位开展检查", None, []),  # before an organ: still "together with"
        ("近年来，东至县推行“积分制”管理", None, ["东至县"]),  # jieba's place name (ns) and a 县
        ("今年新建区域党群服务中心2个", None, []),  # a 区 keeps the guard
    ],
)
def test_a_place_name_that_is_a_word_needs_a_place_context(text, within, found):
    assert [m.text for m in find_localities(text, within=within) if m.locality] == found


def test_a_title_may_open_with_a_place_name_that_is_a_word():
    assert leading_locality("江口县：“三抓三促”建强村级组织") == ("江口县", 3)
    assert leading_locality("通道县推行“院落议事会”") == ("通道县", 3)


@pytest.mark.parametrize(
    "tag, home, ok",
    [
        ("环江", "河池市", True),  # 环江毛南族自治县, in the bulletin's own city
        ("隆林", "百色市", True),
        ("浏阳", None, True),  # one place in the country, no ordinary word
        ("和平", None, False),  # several places, and a word
        ("和平", "天津市", True),  # but one in 天津
        ("江口", None, False),  # a word
        ("建库联络", None, False),
    ],
)
def test_a_bare_short_name_as_a_place_tag(tag, home, ok):
    assert L.short_place(tag, resolve(home).locality if home else None) is ok


def test_a_town_named_inside_an_article_about_it_is_that_town():
    """巩昌镇 mentioned again in an article whose place is 巩昌镇 (of 陇西县) is the same node, not a
    巩昌镇 inside 巩昌镇; another town named there sits under the county, not under the town."""
    from kg.extract.localities import find_localities, resolve

    county = resolve("陇西县").locality
    town = resolve("巩昌镇", within=county).locality
    assert town.level == "town" and town.parent == county
    again = resolve("巩昌镇", within=town).locality
    assert again == town
    other = resolve("首阳镇", within=town).locality
    assert other.parent == county
    village = [m.locality for m in find_localities("首阳镇三河口村党支部领办合作社", within=town)]
    assert all(x is None or all(p.name != x.name for p in x.chain()[1:]) for x in village)


@pytest.mark.parametrize(
    "text, suffix, code",
    [
        # the own city named only by its short name, in a slogan or in the page's source line
        ("近日，我市召开推进会，对照盐城“三年大变样”的要求部署工作。", "市", "320900"),
        ("全市选派干部驻村。来源：溧阳日报 编辑：张三", "市", "320481"),
        ("全县开展培训，黟县各乡镇参加。", "县", "341023"),
        # another place reached by a verb or given as a model is not the own area
        ("我市组织干部赴昆山学习。", "市", None),
        ("我市学习借鉴昆山经验。", "市", None),
        # two candidates: no guess
        ("我市对照盐城、淮安两地做法。", "市", None),
        # the wrong kind of division for the own-area word
        ("全县对照盐城要求部署。", "县", None),
    ],
)
def test_named_own_area(text, suffix, code):
    found = L.named_own_area(text, suffix)
    assert (found.code if found else None) == code


def page_place(tmp_path, text: str) -> str | None:
    """The code of the place `kg build --as-article` gives a news page of `text`."""
    from kg.ingest import ingest_file

    f = tmp_path / "page.txt"
    f.write_text(text, encoding="utf-8")
    locality = ingest_file(f, as_article=True).articles[0].locality
    return locality.code if locality else None


def test_a_news_page_with_only_the_short_name_gets_its_city(tmp_path):
    text = (
        "全市年轻干部培训班开班\n发布时间：2023-05-06 来源：启东日报\n"
        "5月5日，我市召开年轻干部培训班开班动员会。此次培训为期三天，共有120名年轻干部参加。\n"
    )
    assert page_place(tmp_path, text) == "320681"


def test_places_gone_to_are_not_the_page_of_a_county_that_never_names_itself(tmp_path):
    text = (
        "日前，我县召开选派村党组织书记跟班学习动员部署会。全县123个村党组织书记分批参加。"
        "会后，第一批书记将赴浙江省杭州市临安区、湖州市安吉县，江苏省苏州市张家港市等地学习。\n"
    )
    assert page_place(tmp_path, text) is None
    # a place that acts is still the page's, even after places gone to
    text2 = "赴浙江省湖州市安吉县学习归来，江西省修水县组织村党组织书记座谈。全县30名书记参加。\n"
    assert page_place(tmp_path, text2) == "360424"


def test_a_provinces_short_name_alone_is_the_province_not_a_districts():
    found = find_localities("分赴上海、浙江、河北参加培训。")
    assert [m.locality.name for m in found] == ["上海市", "浙江省", "河北省"]
    assert [m.locality.name for m in find_localities("天津市河北区")] == ["河北区"]


def test_a_report_naming_its_county_by_the_short_name_and_then_as_that_county(tmp_path):
    # a provincial paper's style: the county by its short name, then 该县 (no 县 anywhere with the name)
    text = (
        "11日，崇阳为期2天的农村党支部书记培训班开班。来自该县186个行政村的197名党支部书记参训。\n"
        "培训采取领导讲、党校讲师授课方式。\n"
    )
    assert page_place(tmp_path, text) == "421223"
    # a short name that is also a word, or names two places, is still no guess
    text2 = "11日，东方为期2天的培训班开班。来自该市各村的党支部书记参训。\n"
    assert page_place(tmp_path, text2) is None


def test_a_place_in_quoted_speech_is_not_the_articles_subject(tmp_path):
    text = (
        "“我们村和平遥县的两个村结对发展养殖，互相学技术。”在湖南省常德市近期举办的村书记培训班上，"
        "一名村党支部书记说。今年以来，常德市对全市村党组织书记进行了集中轮训。\n"
    )
    assert page_place(tmp_path, text) == "430700"


@pytest.mark.parametrize(
    "text, home, names",
    [
        # the first town of a list, after a word that sends someone there (为, 到, 联系)
        ("今年以来为甲乙河镇、丙丁河镇等环湖乡镇补充干部42名。", "共和县", ["甲乙河镇", "丙丁河镇"]),
        ("选派干部到和平镇、大埠岗镇等乡镇锻炼。", "邵武市", ["和平镇", "大埠岗镇"]),
        # after 在, a four-character name and a name opening with 向
        ("在二道白河镇建成人才驿站。", "安图县", ["二道白河镇"]),
        ("在向上街道、新华街道推行网格党支部。", "图们市", ["向上街道", "新华街道"]),
        # a town and its village after another county
        ("组织干部赴和龙市东城镇光东村等示范点学习。", "延吉市", ["和龙市", "东城镇", "光东村"]),
        # words ending in 乡/镇 and kinds of town are none
        ("在基层乡镇锻炼，在小城镇建设中，在外能人返乡创业。", "安图县", []),
    ],
)
def test_a_town_bounded_by_the_word_that_sends_someone_there(text, home, names):
    from kg.extract.localities import find_localities, gazetteer

    within = gazetteer().resolve(home).locality
    found = [m.locality for m in find_localities(text, within=within) if m.locality and m.reason is None]
    chain = {p.name for loc in found for p in loc.chain()} - {p.name for p in within.chain()}
    assert sorted(chain) == sorted(names)


def test_a_meeting_s_venue_is_not_the_place_of_the_body_that_holds_it(tmp_path):
    text = "8月13日，省委组织部在西宁召开选派年轻干部到玉树州乡镇挂职锻炼工作会议，89名干部参加。\n"
    assert page_place(tmp_path, text) == "630000"  # 青海省, not 西宁市
    text2 = "8月13日，西宁市召开年轻干部挂职锻炼工作会议，89名干部参加。\n"
    assert page_place(tmp_path, text2) == "630100"


def test_a_report_about_a_county_that_opens_in_one_of_its_towns_is_the_county_s(tmp_path):
    # (the title is the opening speech: no place of its own)
    text = (
        "“今年村里还有什么困难？”2月18日，宁化县淮土乡党委书记来到田背村，与村“两委”干部谈心谈话。"
        "连日来，该县县乡领导干部纷纷深入基层开展谈心谈话活动。\n"
    )
    assert page_place(tmp_path, text) == "350424"
    text2 = "“今年村里还有什么困难？”2月18日，宁化县淮土乡党委书记来到田背村谈心谈话。该乡共走访12个村。\n"
    assert page_place(tmp_path, text2) is None  # the town: no code of its own


def test_towns_of_the_place_are_found_by_name_alone_and_hang_under_their_own_county():
    """The NBS town list (kg.extract.towns): a town listed without any cue around it is found among the
    towns of the county or city the text is about, under the county it belongs to; 和平乡村 stays rural."""
    fangshan = resolve("房山区").locality
    found = find_localities("在十渡镇、大石窝镇、史家营乡开展整顿", within=fangshan)
    assert [(m.text, m.locality.parent.name) for m in found] == [
        ("十渡镇", "房山区"),
        ("大石窝镇", "房山区"),
        ("史家营乡", "房山区"),
    ]
    meizhou = resolve("梅州市").locality
    (m,) = find_localities("今年以来，雁洋镇虎形村推行", within=meizhou)
    assert [p.name for p in m.locality.chain()][:3] == ["虎形村", "雁洋镇", "梅县区"]
    # never across the country: read in another county's text, the name is not taken to 房山区
    found = find_localities("在十渡镇开展整顿", within=resolve("岳西县").locality)
    assert all("房山区" not in {p.name for p in m.locality.chain()} for m in found)


@pytest.mark.parametrize(
    "text, within, want",
    [
        (
            "安排干部到阿勒腾席热镇查干庙村、红海子村等嘎查村任职。",
            "鄂尔多斯市",
            ["阿勒腾席热镇", "查干庙村", "红海子村"],
        ),
        ("依托十二连城乡五家尧村建成实训基地。", "鄂尔多斯市", ["十二连城乡", "五家尧村"]),
        ("在星村镇星村村、黄村村推广生态茶园。", "南平市", ["星村镇", "星村村", "黄村村"]),
        ("星村镇村民代表和村干部30名参加。", "南平市", ["星村镇"]),
        ("天荒坪镇党委以余村为示范。", "湖州市", ["天荒坪镇"]),
    ],
)
def test_villages_written_right_after_a_town(text, within, want):
    """A village after a town the text names (the town list or the town pattern) hangs under that town;
    a 村 that opens the next word (村民, 村干部) or a clause after the town (党委以…) is no village."""
    found = find_localities(text, within=resolve(within).locality)
    assert sorted(m.locality.name for m in found) == sorted(want)
    villages = [m.locality for m in found if m.locality.level == "village"]
    assert all(v.parent.level == "town" for v in villages)


def test_a_town_right_after_a_city_without_counties_is_that_citys():
    (m,) = [
        m for m in find_localities("在东莞市长安镇建立流动党员党支部。", within=resolve("巫溪县").locality)
    ]
    assert (m.locality.name, m.locality.level, m.locality.parent.code) == ("长安镇", "town", "441900")


def test_a_village_opening_a_sentence_before_its_party_members():
    found = find_localities(
        "建立联络站2个。三友村党员李某某说：“听得懂”。", within=resolve("灵山县").locality
    )
    assert [m.locality.name for m in found] == ["三友村"]
    assert find_localities("。农村党员大会", within=resolve("灵山县").locality) == []


@pytest.mark.parametrize(
    "text, want",
    [
        ("巫溪县学习借鉴浙江“千万工程”经验，制定方案。", ["巫溪县", "浙江省"]),
        ("结合黑河实际，制定实施办法。", ["黑河市"]),
        ("学习浙江大学的课程。", []),
        ("浙江“千万工程”。", []),
        # the last item of a list of cities, then a verb; a city gone to for a purpose
        ("并前往上海、南京、杭州进行异地现场教学。", ["上海市", "南京市", "杭州市"]),
        ("选派干部到苏州跟班学习。", ["苏州市"]),
        ("到苏州的路上。", []),
    ],
)
def test_a_short_name_learnt_from_or_worked_to_is_a_place(text, want):
    assert [m.locality.name for m in find_localities(text)] == want


def test_a_listed_village_of_the_articles_county_is_found_without_a_cue_and_hangs_under_its_town():
    fangshan = resolve("房山区").locality
    found = find_localities("张坊镇\t东关上村\t副区长", within=fangshan)
    village = next(m.locality for m in found if m.text == "东关上村")
    assert (village.level, village.parent.name, village.parent.parent.code) == ("village", "张坊镇", "110111")
    (m,) = find_localities("岩上村举办培训班。", within=fangshan)
    assert m.locality.parent.name == "大石窝镇"  # its own town, though the text names none


def test_a_listed_village_inside_a_longer_word_or_before_its_own_word_is_not_taken():
    fangshan = resolve("房山区").locality
    assert find_localities("新岩上村", within=fangshan) == []
    assert find_localities("其他县的岩上村", within=resolve("安庆市").locality) == []


def test_the_later_villages_of_a_list_need_no_cue_of_their_own():
    huzhu = resolve("互助土族自治县").locality
    found = find_localities("在新元村、柳湾村和王家社区打造产业基地2个", within=huzhu)
    assert [m.text for m in found] == ["新元村", "柳湾村", "王家社区"]
    assert {m.locality.level for m in found} == {"village"}
    assert [m.text for m in find_localities("在新元村、村级组织中", within=huzhu)] == ["新元村"]


def test_a_generic_district_listed_after_a_district_of_a_city_is_that_citys():
    huzhu = resolve("互助土族自治县").locality
    found = find_localities("流向西宁市城东区、城北区的438名", within=huzhu)
    assert [(m.text, m.locality.code) for m in found] == [("西宁市城东区", "630102"), ("城北区", "630105")]
    assert [m.text for m in find_localities("到合肥市蜀山区、城北区", within=huzhu)] == ["合肥市蜀山区"]


def test_a_village_written_after_its_county_and_town_needs_no_cue():
    zhangjiakou = resolve("张家口市").locality
    (m,) = find_localities("。涿鹿县河东镇上营村在县级领导包联下调整班子", within=zhangjiakou)
    assert (m.text, m.locality.level, m.locality.parent.name) == ("涿鹿县河东镇上营村", "village", "河东镇")
    assert [x.text for x in find_localities("涿鹿县河东镇村民", within=zhangjiakou)] == ["涿鹿县河东镇"]


def test_the_home_countys_short_name_standing_alone_is_the_county():
    jinzhai = resolve("金寨县").locality
    found = find_localities("在金寨这片红色热土上，依托金寨红军广场开展教学", within=jinzhai)
    assert [(m.text, m.locality.code) for m in found] == [("金寨", "341524")]
    assert [m.text for m in find_localities("　　昭觉是彝族聚居县", within=resolve("昭觉县").locality)] == [
        "昭觉"
    ]
    assert find_localities("昭觉组工编发", within=resolve("昭觉县").locality) == []


def test_a_former_prefecture_written_as_x_diqu_is_its_city_and_listed_communities_are_places():
    found = find_localities("新化县是原娄底地区村级组织数最多的县。", within=resolve("新化县").locality)
    assert [(m.text, m.locality.code) for m in found] == [("新化县", "431322"), ("娄底地区", "431300")]
    assert [m.locality.name for m in find_localities("阿克苏地区")] == ["阿克苏地区"]
    text = "街道党工委在紫金社区、向东社区等8个社区建立小区党支部14个，社区党组织书记兼任。"
    found = find_localities(text, within=resolve("新化县").locality)
    assert [m.text for m in found] == ["紫金社区", "向东社区"]


def test_a_county_name_two_places_share_is_told_apart_by_its_town():
    """普陀区 is a district of 上海 and of 舟山; the town written after it belongs to one of them. (And a
    verb opens no village name: 开展居村 is no village.)"""
    got = find_localities("普陀区长征镇开展居村书记轮训。")
    assert [(m.text, m.locality.level, m.locality.parent.code) for m in got] == [
        ("普陀区长征镇", "town", "310107")
    ]
    alone = find_localities("普陀区开展居村书记轮训。")
    assert alone[0].locality is None and "ambiguous" in alone[0].reason


@pytest.mark.parametrize(
    "text, name, code",
    [
        # renamed, merged or abolished since 2000, written as they were: the successor
        ("2010年首批援疆、来自原崇文区的退休干部", "东城区", "110101"),
        ("原伊克昭盟时期就参加工作的老党员", "鄂尔多斯市", "150600"),
        ("在原闸北区工作多年", "静安区", "310106"),
        ("河北省保定市北市区", "莲池区", "130606"),
    ],
)
def test_a_former_name_is_its_successor(text, name, code):
    found = [(m.locality.name, m.locality.code) for m in find_localities(text) if m.locality]
    assert found[-1] == (name, code)


def test_a_former_name_that_is_also_a_word_is_left_alone():
    assert [m.text for m in find_localities("城南区域内，新区建设")] == []


def test_a_province_opening_a_list_after_he_is_a_place():
    text = "选派31名乡镇干部到市级机关和上海、北京等发达地区挂职锻炼"
    assert [m.locality.name for m in find_localities(text) if m.locality] == ["上海市", "北京市"]
    assert [m.text for m in find_localities("加强干部和江苏交流")] == []


@pytest.mark.parametrize(
    "text, within, want",
    [
        # names written from Kazakh, Uyghur or Mongolian are longer than a Chinese village's
        ("牧民身边。\n喀拉乔克村党支部书记带领宣讲队员骑马入户。", "布尔津县", ["喀拉乔克村"]),
        (
            "驻阔斯特克镇萨尔布拉克村工作队队长被评为优秀共产党员。",
            "布尔津县",
            ["阔斯特克镇", "萨尔布拉克村"],
        ),
        ("提高到83%。其乃巴格村党支部书记说", "墨玉县", ["其乃巴格村"]),
        ("宣讲队深入额尔和图嘎查等偏远牧点宣讲。", "乌审旗", ["额尔和图嘎查"]),
        # phrases of that length are not: a kind of village, a verb before 嘎查村, the border villages
        ("依托嘎查村党组织开展宣讲。", "乌审旗", []),
        ("深入边境嘎查、牧点为党员群众送学。", "额济纳旗", []),
        ("不断加强村党组织建设。", "墨玉县", []),
    ],
)
def test_transliterated_village_names(text, within, want):
    found = find_localities(text, within=resolve(within).locality)
    assert [m.locality.name for m in found if m.locality.level in ("town", "village")] == want


def test_the_transliteration_characters_are_derived_from_the_village_table():
    """The shipped set is what the village table gives (rebuilt with the table), not a hand-kept list."""
    from kg.extract.villages import CHARS, derive_transliteration_chars

    assert CHARS.read_text(encoding="utf-8").strip() == derive_transliteration_chars()


@pytest.mark.parametrize(
    "text, want",
    [
        ("临泉镇是临县县城所在地。", ["临泉镇", "临县"]),
        ("组织干部赴萧县学习。", ["萧县"]),
        ("省委调研组莅临县委党校。", []),  # 莅临 + 县委
        ("组织乡镇和县直机关干部参加。", []),  # 和 + 县直
    ],
)
def test_a_two_character_county_name_inside_a_sentence(text, want):
    found = find_localities(text, within=resolve("临县").locality)
    assert [m.text for m in found] == want


@pytest.mark.parametrize(
    "text, within, want",
    [
        # a famous village visited to learn from, written right after its county: the county's village
        # list knows a one-character name (余村); a Chinese name before a cue needs no list (华西村)
        (
            "选派28名村书记赴浙江省湖州市安吉县余村、江苏省江阴市华西村学习。",
            "北镇市",
            [("余村", "天荒坪镇"), ("华西村", "江阴市")],  # (the list knows 余村's town)
        ),
        # a listed village's name that opens a town's (园户村镇) is the town's
        (
            "呼图壁县园户村镇上三工村后备力量在帮带书记指导下。",
            "呼图壁县",
            [("园户村镇", "呼图壁县"), ("上三工村", "园户村镇")],
        ),
    ],
)
def test_a_village_written_right_after_its_county(text, within, want):
    found = find_localities(text, within=resolve(within).locality)
    got = [(m.text, m.locality.parent.name) for m in found if m.locality.level in ("town", "village")]
    assert got == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("在万家岩村打造“红色课堂”，接待党员干部培训团队。", ["万家岩村"]),
        ("选派干部到三家村担任第一书记。", ["三家村"]),
        # the word said before and pointed back to: the alliance's villages, not a village named 联盟
        ("三个村党组织联合成立“茶旅党建联盟”，镇党委选派8名镇干部到联盟村蹲点指导。", []),
        ("在示范村打造党建阵地。", []),  # a kind of village
    ],
)
def test_a_village_gone_to_before_what_is_done_there(text, want):
    found = find_localities(text, within=resolve("綦江区").locality)
    assert [m.text for m in found if m.locality.level == "village"] == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("座谈会在湖州召开，安吉、德清等5个县（市、区）作交流发言。", ["湖州", "安吉", "德清"]),
        ("分两批赴子长县以及宜川、黄龙两县学习产业扶贫经验。", ["子长县", "宜川", "黄龙"]),
        ("选派干部到长兴挂职。", []),  # a short name no count calls a county
        ("提升、发展两县干部能力。", []),  # words, not places, before the count
    ],
)
def test_short_county_names_in_a_list_counted_as_counties(text, want):
    assert [m.text for m in find_localities(text) if m.locality is not None] == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("依托中国农业大学吉林梨树实验站，出台实施办法。", []),  # places inside a station's name
        ("依托吉林四平实验站开展培训。", []),
        ("学习借鉴浙江安吉经验。", ["浙江安吉"]),  # a chain of short names in running text stays
        ("组织干部到浙江杭州跟班学习。", ["浙江杭州"]),
    ],
)
def test_short_names_inside_an_institution_s_name_are_no_place(text, want):
    assert [m.text for m in find_localities(text) if m.locality is not None] == want
