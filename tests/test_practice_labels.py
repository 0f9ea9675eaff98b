"""A practice's label (kg.extract.practice_labels) on shapes of real news items, written here."""

import pytest


@pytest.mark.parametrize(
    "headline, label",
    [
        # a headless report's first sentence: past speech, dates, 随着/在…之际 and the actor
        (
            "“这回评上三星了！”“下回争四星！”在年终评星之际，湖北省通山县村级组织晋星定级结果公布",
            "村级组织晋星定级结果公布",
        ),
        (
            "5月8日上午，随着最后一场比武结束，县委组织部举办的村书记擂台赛落下帷幕",
            "举办的村书记擂台赛落下帷幕",
        ),
        (
            "为全面摸清村级班子运行情况,2023年3月6日至9日，县委组织部派出4个调研组深入乡镇",
            "派出4个调研组深入乡镇",
        ),
        # a span of time set out before the measure (从…起到…, 将用…时间)
        (
            "从本月起到6月底，我县将用两个月左右的时间开展“擂台比武”活动，全县村书记逐一登台",
            "开展“擂台比武”活动",
        ),
        # a purpose clause and the goal after it (为贯彻…，实现…总目标，) set the scene
        (
            "为贯彻落实上级部署，实现基层稳定总目标，某地近年来集中培训村级储备干部1万名",
            "某地近年来集中培训村级储备干部1万名",
        ),
        # the instructions it follows, however long their titles, and the partner a body acts with
        (
            "按照省委组织部《关于全面开展选派机关优秀干部到村任第一书记工作的实施意见》的要求，县委组织部选派干部驻村",
            "选派干部驻村",
        ),
        (
            "近日，县委组织部联合县扶贫开发局，对全县第一书记进行全面考核，考核内容包括建强基层组织",
            "对全县第一书记进行全面考核",
        ),
        # the problem a measure answers is its scope, not the measure
        (
            "针对新任基层干部普遍存在的本领恐慌问题，该区分批组织村干部赴对口支援省市轮训",
            "分批组织村干部赴对口支援省市轮训",
        ),
    ],
)
def test_a_headless_news_items_practice_is_labelled_by_its_key_clause(headline, label):
    from kg.extract.practice_labels import practice_label

    assert practice_label("none", None, headline + "。", headline=headline) == label


def test_a_report_opening_with_speech_and_its_speaker_is_labelled_by_what_happened_next():
    from kg.extract.practice_labels import practice_label

    headline = "“这次考试，让我知道了自身不足。”11月26日，刚刚走出考场的某局年轻干部某某说"
    text = headline + "。当日，该县年轻后备干部理论知识考试在县会展中心举行，共有141名干部参加。"
    assert practice_label("none", None, text, headline=headline) == "年轻后备干部理论知识考试在县会展中心举行"
