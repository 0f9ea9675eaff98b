"""What a copied web page carries around its article: breadcrumbs, font and print buttons, the publishing
line (发布时间 / 来源 / 浏览次数), the editor, share and QR prompts, previous / next links and the site footer.

A user who pipes a county's news page to `kg similar --text -` wants the article compared, not the page:
a "下一篇：…开展党员冬训" link would otherwise add its own topic to the question, and the report would quote
the chrome back as the question. Only whole lines that are chrome are dropped, recognised by the labels
Chinese government and news sites put on them (not by any one site's wording); the article's own lines,
its title and its dateline included, are kept. Pure, no state.

>>> strip_page_chrome("首页 > 新闻中心\\n发布时间：2024-03-15 来源：某县委组织部\\n某县选派干部驻村。\\n责任编辑：王某\\n上一篇：某县召开会议")
'某县选派干部驻村。'
"""

from __future__ import annotations

from kg.lazyre import lazy

_SEP = r"[ \t\u3000]*[:：][ \t\u3000]*"
# the buttons under a page's article (打印本页 关闭窗口): chrome, and the end of the article
_PAGE_BUTTONS = "打印本页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回列表|收藏本页"
# a reposted page in traditional characters has the same chrome: its labels' characters are folded
# before the line is matched (only for matching: the line itself is kept or dropped whole)
_FOLD = str.maketrans(
    "頁當現體號發佈時間訊來瀏覽閱讀點擊訪問責編輯審終條關閉頂權辦單聯繫係電話備標識碼網圖術掃維薦熱鏈們數開稿題鍵眾號戶傳郵這轉載報聞資詞糾錯頻門類評論欄導",
    "页当现体号发布时间讯来浏览阅读点击访问责编辑审终条关闭顶权办单联系系电话备标识码网图术扫维荐热链们数开稿题键众号户传邮这转载报闻资词纠错频门类评论栏导",
)
# the labels of a page's publishing line under its article's title
_PUBLISHED = "发布时间|发布日期|发稿时间|更新时间|信息来源|文章来源|来源"
# a location line's label: 当前位置, 您的位置, 您当前的位置, 你现在所在的位置, 所在位置 …
_WHERE = r"(?:[您你]?(?:当前|现在|目前)?的?所在的?位置|[您你]?(?:当前|现在|目前)?的?位置)"
# a line that is page chrome from its start: the label, then anything
_CHROME_LINE = lazy(
    r"^[ \t\u3000]*(?:[•·▪●◆■][ \t\u3000]*)?(?:"  # a list bullet may stand before it
    r"(?:首页|主页|网站首页)[ \t\u3000]*[>›»/＞]"  # breadcrumbs
    r"|(?:[^。，；！？>›»＞\n]{1,16}[ \t\u3000]*(?:>>|＞＞|»|›)[ \t\u3000]*){1,4}[^。，；！？>›»＞\n]{0,16}$"  # 某网>>党建
    # a byline alone on its line (记者 某某, 通讯员 某某 某某)
    r"|(?:记者|通讯员|特约记者|实习生|作者)[ \t\u3000:：]*[\u4e00-\u9fff]{2,4}(?:[ \t\u3000、]+[\u4e00-\u9fff]{2,4}){0,3}[ \t\u3000]*$"
    r"|(?:" + _WHERE + r"|位置" + _SEP + r"当前位置)" + _SEP + r"?"
    r"|[【\[]?[ \t\u3000]*(?:字体|字号)" + _SEP + r"?[ \t\u3000]*(?:[大中小]|$)"
    r"|(?:放大字体|缩小字体|默认字体|字体放大|字体缩小)"
    r"|(?:" + _PUBLISHED + r"|作者|供稿|浏览次数|浏览量|阅读量|阅读次数|点击数|点击量|访问量"
    r"|核心提示|内容提要"  # a page's summary box repeats the article's first sentence
    # a 信息公开 page's record of the document (索引号：… 发文机关：… 成文日期：… 标题：…), a portal's greeting
    r"|索引号|信息分类|主题分类|体裁分类|组配分类|发文机关|发布机构|成文日期|生成日期|文号|发文字号|主题词|公开方式"
    r"|公开范围|公开时限|有效性|标题|今天是)"
    + _SEP
    + r"|(?:责任编辑|编辑|审核|审校|校对|终审|初审|编审|责编|值班编辑)"
    + _SEP
    + r"|[（(](?:责任编辑|编辑|责编)"
    + _SEP
    + r"[^）)\n]{1,12}[）)]$"
    + r"|(?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|相关文章|推荐阅读|热点推荐|推荐资讯|最近更新"
    + r"|最新文章|热门文章|热点新闻|猜你喜欢|关键词|关键字|标签)(?:"
    + _SEP
    + r"|[ \t\u3000]*$)"  # a widget's heading: with its colon, or alone on its line
    r"|(?:扫一扫|扫描二维码|微信扫一扫|分享到|分享至)"
    # a portal's greeting and its reading modes (您好，欢迎访问某某人民政府门户网站！ 无障碍浏览 | 长者模式)
    r"|(?:您好[ \t\u3000，,！!]*)?欢迎您?(?:访问|光临|来到)[^。\n]{0,30}?(?:网站|门户|网|平台)"
    r"|(?:无障碍(?:浏览|阅读)?|长者模式|关怀版|适老化)(?:[ \t\u3000|｜]|$)"
    # a newspaper's masthead of its editions (《某某日报》 《某某日报藏文版》 …), a channel's "> 正文" line,
    # a page's tracking number
    r"|(?:[ \t\u3000]*《[^》\n]{1,20}》){2,}[ \t\u3000]*$"
    r"|[^。，；！？\n]{1,30}[>＞›»][ \t\u3000]*正文[ \t\u3000]*$"
    r"|\d{10,}[ \t\u3000]*$"
    # a date alone on its line (2020年06月03日, 2022-05-13 10:36, 2022 05/ 13 10:36), a weekday after it
    r"|\d{4}(?:[ \t]*[-/.年][ \t]*|[ \t]+)\d{1,2}[ \t]*[-/.月][ \t]*\d{1,2}日?(?:[ \t\u3000]*(?:星期|周)[一二三四五六日天])?"
    r"(?:[ \t\u3000]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]*$"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}(?:[ \t\u3000]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]*$"  # 12.08.2015 11:26
    # a picture: its file name left as text (cee85e….JPG) or its caption (图说：…, 图片来源：…, 某某 供图)
    r"|[\w\-.]{1,80}\.(?:jpe?g|png|gif|bmp|webp|JPE?G|PNG|GIF)[ \t\u3000]*$"
    r"|(?:图说|图片说明|图片来源|图注|摄影)" + _SEP + r"|[^。，\n]{0,16}(?:供图|摄)[ \t\u3000]*$"
    # a WeChat post: its header (原创 作者 公众号 2022-11-15 17:32 发表于海南), follow prompt, picture
    # placeholders, reading links and the repost notice
    r"|原创(?=[ \t\u3000])|.{0,60}\d{1,2}:\d{2}[ \t\u3000]*发表于[\u4e00-\u9fff]{1,8}$"
    r"|功能介绍|微信号[ \t\u3000:：]*[A-Za-z][A-Za-z0-9_\-]{2,}[ \t\u3000]*$"  # the account's profile box
    r"|(?:点击|关注)[^。，\n]{0,6}(?:蓝字|关注我们)"
    # WeChat's own prompts around a post (微信扫一扫 / 关注该公众号, …可打开此内容，/ 使用完整服务, 向上滑动看下一个)
    r"|(?:长按|识别|扫码)?[^。，\n]{0,4}关注(?:该|本|此)公众号[ \t\u3000]*$|使用完整服务[ \t\u3000]*$"
    r"|(?:向上|继续)滑动看下一个|轻点两下取消|预览时标签不可点"
    # a counter (阅读 1853, 在看 12), after the reading link when they run together (阅读原文阅读3571)
    r"|(?:阅读原文[ \t\u3000]*)?(?:阅读|在看|点赞|赞|分享|留言)[ \t\u3000\xa0]*\d[\d.]*[万wW]?\+?[ \t\u3000]*$"
    r"|(?:长按|扫描|扫码|识别)[^。，\n]{0,8}二维码[^。，\n]{0,8}$"  # 长按识别二维码关注我们
    r"|[\[【](?:图片|视频|音频|动图)[\]】]$"
    r"|(?:阅读原文|往期推荐|往期回顾|精彩推荐|推荐阅读|写留言|留言)$"
    r"|.{0,40}转载请注明"
    # buttons: a word alone or among other buttons (打印机 is no button)
    r"|[【\[]?(?:纠错|" + _PAGE_BUTTONS + r"|列印|加入收藏|收藏|返回首页|返回|分享|点赞|在看)[】\]]?"
    r"(?=[ \t\u3000【\[|｜/·]|$|打印|关闭|返回|收藏)"  # (打印本页关闭窗口: buttons run together)
    # a news page's publishing line: a source and a clock time (人民网 2019-07-02 09:42:12), no sentence
    r"|(?=[^。，,；！？\n]{0,80}$)[^\n]{0,30}?\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ \t\u3000]*\d{1,2}:\d{2}"
    # a repost's origin (本文转自：某网), a lone page or comment counter, a site's social accounts
    r"|(?:本文转自|转自|转载自|稿件来源|本文来源|原标题)" + _SEP + r"|\d{1,4}[ \t\u3000]*$"
    r"|[^。，\n]{0,12}(?:微信公众号|官方微博|官方微信|客户端|抖音号|视频号|手机版|手机版二维码)$"
    r"|[^。，\n]{0,12}(?:版权与免责声明|免责声明|版权声明)$"
    # a page's title bar: the headline, its channel and the site apart by underscores (某某_新闻_某某网),
    # or a hijacked site's keyword list
    r"|(?=[^。，；！？\n]*$)[^_\n]{1,40}(?:_[^_\n]{1,40}){2,}$"
    # the site's own name over the page (某某网——某某中心唯一官方中文网, 某县人民政府门户网站)
    r"|(?=[^。，；！？\n]*$)[^\n]{0,40}(?:官方中文网|官方网站|门户网站|门户网|官网)$|[\u4e00-\u9fff]{1,10}网[ \t\u3000]*——(?=[^。，；！？\n]*$)"
    r"|(?:版权所有|主办单位|承办单位|主办|承办|技术支持|网站标识码|网站地图|联系我们|联系电话|备案号|邮编|邮政编码|地址|传真)"
    + _SEP
    + r"?"
    r"|.{0,40}(?:ICP备|ICP证|公网安备|网站标识码)"
    # a menu bar: four or more short items between bars (首页 | 组织建设 | 干部工作 | …)
    # (the first item may carry the day and the portal's name: 2023年9月26日星期二首都之窗 | 无障碍浏览 | …)
    r"|[^|｜丨\n]{1,24}[|｜丨](?:[^|｜丨\n]{1,8}[|｜丨]){2,}(?:[^|｜丨\n]{1,8})?[ \t\u3000]*$"
    r")"
)


# a news report's dateline before its first sentence: 本报讯, 本报8月28日讯, 新华社北京3月1日电, 某网某地3月1日电,
# 云上某县报道（记者某某）, 某网消息(通讯员 某某), or the reporters' bracket alone
_DATELINE = lazy(
    r"^[ \t\u3000]*(?:"
    r"(?:本报|本网|本台|本刊)[^，。！？\n]{0,14}?讯"
    r"|[\u4e00-\u9fff]{2,8}(?:网|报|台|刊)讯"  # 咸宁网讯, 湖北日报讯
    r"|新华社[^，。！？\n]{0,14}?电"
    r"|[^，。！？\n（(]{2,16}?[0-9]{1,2}月[0-9]{1,2}日(?:电|讯)"  # 某网哈尔滨11月29日电
    # the reporters' bracket may name their paper first: 武威讯（新甘肃·甘肃日报记者某某）
    r"|[^，。！？\n（(]{2,16}?(?:讯|消息|报道|电)[ \t\u3000]*[（(][^）)，。\n]{0,16}?(?:记者|通讯员|通讯|实习生|特约)[^）)\n]{0,30}[）)]"
    r"|[（(](?:记者|通讯员|实习生)[^）)\n]{1,30}[）)]"
    r")(?:[ \t\u3000]*(?:[（(](?:记者|通讯员|实习生)[^）)\n]{1,30}[）)]"
    # or the reporters unbracketed, their paper first or not: 本网讯特约记者某某、实习生某某报道：,
    # 咸宁网讯 咸宁日报全媒体记者 某某、通讯员 某某报道：
    r"|[^，。！？\n：:（(“]{0,12}?(?:特约记者|记者|通讯员|实习生)[^，。！？\n：:（(]{1,30}?报道))?[ \t\u3000:：—\-，,]*"
)


def dateline_end(line: str) -> int:
    """Where the text after a news report's dateline starts in `line` (0 when it has none)."""
    m = _DATELINE.match(line.translate(_FOLD))
    return m.end() if m and m.end() < len(line.rstrip()) else 0


def page_text(text: str) -> str:
    """A question as given (plain text, a copied page, or a page's HTML source): its article's text."""
    if "<" in text:
        from kg.read.formats import looks_like_html

        if looks_like_html(text):
            from kg.errors import InputError
            from kg.read.formats import html_text

            try:
                text = html_text(text, "<stdin>").replace("**", "")  # bold marks serve files only
            except InputError:
                return ""
    return strip_page_chrome(text)


def is_chrome_line(line: str) -> bool:
    """Whether one line of a page is chrome."""
    return bool(_CHROME_LINE.match(line.translate(_FOLD)))


# where a page's location line starts: the lines above it are the site's banner (its name, its slogan)
_LOCATION = lazy(
    r"^[ \t\u3000]*(?:" + _WHERE + r"|(?:首页|主页|网站首页)[ \t\u3000]*[>›»/＞]"
    r"|[^。，；！？\n]{1,30}[>＞›»][ \t\u3000]*正文[ \t\u3000]*$)"
)


_BANNER_LINES = 16  # a portal's date line, its menu items and a slogan


def banner_end(lines: list[str]) -> int:
    """The index of a location line among a page's first lines when only short lines without a
    sentence's punctuation stand above it (打造网上…平台 致力于…事业 / 您现在的位置：首页 > …; a portal's
    menu, one item a line), else 0; past the sidebar under it when there is one (see _sidebar_end)."""
    for i, line in enumerate(lines[:_BANNER_LINES]):
        if _LOCATION.match(line.translate(_FOLD)):
            if not all(_banner_line(x) or is_chrome_line(x) for x in lines[:i]):
                return 0
            return i + _sidebar_end(lines[i:])
    return 0


# the page's publishing line under its article's title (来源：… 发布时间：… 浏览次数：…)
_PUBLISHING = lazy(r"^[ \t\u3000]*(?:" + _PUBLISHED + r")" + _SEP)
_SIDEBAR_LINES = 40  # a channel list and a box of hot headlines beside the article


def _sidebar_end(lines: list[str]) -> int:
    """Where the page's own article starts below its location line (lines[0]): at the title over the
    publishing line, when only short lines without a sentence's punctuation stand between (the
    channel's sub-menu, a 热点推荐 box of other headlines: saved as text they come first); else 0.

    >>> _sidebar_end(["当前位置：首页 > 动态", "部门动态", "热点推荐", "某镇召开推进会", "某刊第9期", "来源：某部"])
    4
    """
    for j, line in enumerate(lines[1:_SIDEBAR_LINES], start=1):
        if not _PUBLISHING.match(line.translate(_FOLD)):
            continue
        title = j - 1
        if title >= 1 and lines[title].lstrip().startswith(("—", "－")):
            title -= 1  # a subtitle (——副标题) under the title
        between = lines[1:title]
        if between and title >= 1 and _banner_line(lines[title]):
            return title if all(_banner_line(x) or is_chrome_line(x) for x in between) else 0
        return 0
    return 0


def _banner_line(line: str) -> bool:
    """A short line without a sentence's punctuation: a site's name, slogan or menu item."""
    return len(line) <= 40 and not any(c in line for c in "。，,；")


# the previous / next links a page puts after its article (上一篇：, 往期推荐, a 信息公开 page's 相关链接) and its
# buttons (打印本页 关闭窗口): the article has ended, and
# the titles under them (often on lines of their own, 【某某系列报道①】…) belong to other articles. (A
# related-news or keyword box may stand between a title and its body on some sites: those lines go alone.)
_TAIL_WIDGET = lazy(
    r"^[ \t\u3000]*(?:上一篇|下一篇|上一条|下一条|往期推荐|往期回顾|相关链接|喜欢此内容的人还喜欢)"
    r"(?:[ \t\u3000]*[:：｜|]|[ \t\u3000]*$)"  # (往期推荐｜某县：…, a WeChat post's links)
    # the page's buttons alone on a line under its article (打印本页 关闭窗口, 【打印】【关闭】)
    r"|^[ \t\u3000]*(?:[【\[]?(?:" + _PAGE_BUTTONS + r")[】\]]?[ \t\u3000|｜/·]*){1,5}$"
)


def is_tail_widget(line: str) -> bool:
    """A line that opens the previous / next links under a page's article (see _TAIL_WIDGET). Asked of every
    line of every issue (layout.is_footer): a line without any of their first characters is answered without
    folding it.

    >>> is_tail_widget("往期推荐｜某县：“三治融合”激活乡村治理"), is_tail_widget("往期推荐工作成效明显")
    (True, False)
    """
    if not any(c in line for c in "上下往相打关返收喜"):
        return False
    return bool(_TAIL_WIDGET.match(line.translate(_FOLD)))


def tail_start(lines: list[str]) -> int:
    """The index of the first line past the page's first line of content (not chrome) that opens the
    links under its article, else len(lines)."""
    content = next((i for i, line in enumerate(lines) if line.strip() and not is_chrome_line(line)), 0)
    return next((i for i in range(content + 1, len(lines)) if is_tail_widget(lines[i])), len(lines))


def strip_page_chrome(text: str) -> str:
    """`text` without the lines of web-page chrome (see the module docstring) and without the links
    under its article; blank runs closed up."""
    if "\n" not in text and not is_chrome_line(text):
        return text
    lines = text.splitlines()
    start = banner_end(lines)
    lines = lines[: start + tail_start(lines[start:])]
    kept = [line for line in lines[start:] if not is_chrome_line(line)]
    out: list[str] = []
    for line in kept:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip()
