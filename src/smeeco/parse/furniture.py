"""Web-page furniture: the lines a government page puts around a notice.

A notice pasted from a page brings the page's lines with it: navigation and "上一篇/下一篇",
"打印本页", "版权所有 … 网站标识码 …" footers, and the page's metadata list, whose fields
some sites number like items ("1. [主题分类] 综合政务", "5. [成文日期] 2016-06-08").
These patterns say what such a line is, for every reader of the text that must not take
one for a measure, a clause or a unit.

>>> bool(FURNITURE.match("上一篇:关于某事的通知")), bool(FURNITURE.match("加强资金支持。"))
(True, False)
>>> [bool(FURNITURE.match(line)) for line in ("— 2 —", "-12-", "第3页 共8页", "2-3")]
[True, True, True, False]
>>> PAGE_FIELD.match("[成文日期] 2016-06-08")["name"]
'成文日期'
"""

from __future__ import annotations

import re

__all__ = ["FURNITURE", "PAGE_FIELD", "PAGE_NUMBER"]

#: A printed page's number, as a copy from a PDF keeps it: "— 2 —", "-3-", "第2页 共8页".
_PAGE_NUMBER = (
    r"[—－\-–―]{1,2}\s*\d{1,4}\s*[—－\-–―]{1,2}"
    r"|(?:共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
)
#: A whole (stripped) line of page furniture: a bracketed tag, 上一篇/下一篇, related links,
#: print and close buttons, share and copyright lines, a footer's fields, an 附件 label, and
#: the page numbers a copy from a PDF keeps.
FURNITURE = re.compile(
    r"^(?:【.*|\[.*\]|上一篇.*|下一篇.*|相关(?:法规|阅读|链接|文件|新闻|推荐).*"
    r"|(?:打印|关闭)(?:本页|窗口)?|.*(?:扫一扫|分享到|版权所有|主办单位|技术支持|联系电话|网站标识码"
    r"|ICP备|公网安备|责任编辑).*|附件[:：].*|(?:电话|传真|地址|邮编)[:：].*"
    rf"|{_PAGE_NUMBER})$"
)
#: A whole (stripped) line that is a printed page's number.
PAGE_NUMBER = re.compile(f"^(?:{_PAGE_NUMBER})$")
#: A field of a page's metadata list, from its bracket to the line end: "[发文机构] …",
#: "[成文日期] 2016-06-08", "[有效性]" (a value is short: a field, not a sentence).
PAGE_FIELD = re.compile(
    r"\[(?P<name>[\u4e00-\u9fff]{2,8})\](?P<value>(?:[^\S\n][^\n]{0,60})?)$", re.MULTILINE
)
