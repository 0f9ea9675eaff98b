"""Chinese column headers for tables people read (`kg query --format table`, `kg stats`).

A table's columns are the query's variables; the bundled queries' variables (and `kg stats`'s
columns) are shown by these names. A variable not listed (a user's own ?x) is shown as written: the
user chose it. csv, tsv and json keep the variable names, for programs.
"""

from __future__ import annotations

HEADERS = {
    "altLabels": "别名",
    "articles": "文章数",
    "broader": "上位对象",
    "brand": "品牌提法",
    "bulletin": "公报",
    "citedBy": "引用的文章",
    "code": "区划代码",
    "concepts": "共同概念",
    "counted": "统计对象",
    "date": "日期",
    "document": "政策文件",
    "example": "最早的做法",
    "examples": "做法举例",
    "first": "最早报道",
    "id": "标识",
    "issue": "期号",
    "kind": "主题类别",
    "last": "最近报道",
    "level": "行政级别",
    "links": "相似链接数",
    "localId": "市内做法标识",
    "localLocality": "市内地方",
    "localPractice": "市内做法",
    "locality": "地方",
    "label": "名称",
    "peers": "同级地方范围",
    "gap": "未报告的类型或品牌",
    "holders": "报告过的同级地方数",
    "peerPlaces": "报告过的同级地方",
    "peerNames": "报告过的同级地方名",
    "otherCode": "对方区划代码",
    "otherDate": "对方日期",
    "otherId": "对方做法标识",
    "otherLocality": "对方地方",
    "otherPlace": "对方地方标识",
    "otherPractice": "对方做法",
    "otherTitle": "对方文章",
    "outcomes": "成效数",
    "parent": "上级区划",
    "place": "地方标识",
    "policies": "政策文件",
    "practice": "做法",
    "practiceType": "做法类型",
    "practices": "做法数",
    "practicesWithNarrower": "含下位对象的做法数",
    "qualifier": "约数标记",
    "quote": "原文引文",
    "reportedBy": "报送单位",
    "score": "相似度",
    "section": "栏目",
    "sections": "栏目",
    "targetGroup": "工作对象",
    "targets": "对象",
    "terms": "共同词语",
    "theme": "主题",
    "title": "文章",
    "titles": "文章标题",
    "type": "类型",
    "types": "类型",
    "unit": "单位",
    "value": "数值",
    "figure": "数字（原文写法）",
    "via": "经由的对象",
    "year": "年份",
}


def header(name: str) -> str:
    """The column header a person reads for a variable (as written when it is not one of ours).

    >>> header("locality"), header("x")
    ('地方', 'x')
    """
    return HEADERS.get(name, name)
