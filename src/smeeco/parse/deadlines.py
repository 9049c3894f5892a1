"""A 完成时限 stated in a measure's own text: "时限要求:持续推进", "(…；完成时限：2024年底前)".

Some notices put the deadline under each item instead of in a 任务分工表: a line
"完成时限:2024年6月底前" or "时限要求:持续推进" after the 责任单位 line, or a last part of
the responsibility bracket ("(省发展改革委牵头；完成时限：2025年6月底前)"). Only a labelled
deadline is read: a date in the prose ("2017年3月底前拨付…") is part of the task, not its
deadline. The text found is read by :meth:`smeeco.Deadline.read`.
"""

from __future__ import annotations

import re

__all__ = ["DEADLINE_LABELS", "find_stated_deadlines"]

#: The labels of a deadline (a line under an item, a part of its clause, a table's column).
DEADLINE_LABELS = ("完成时限", "时限要求", "完成期限", "完成时间", "时间要求", "时间节点")

_LABELLED = re.compile(
    rf"(?:{'|'.join(DEADLINE_LABELS)}"
    # "(责任单位:A;时间:2023年底前)": 时间/时限 alone after a part of a clause (on a line of
    # its own, "时间:2023-02-21" is a page's date)
    r"|(?<=[；;，,])[^\S\n]{0,3}(?:时限|时间))"
    r"\s*[:：]\s*(?P<text>[^\n。；;)）\]】]{1,40})"
)


def find_stated_deadlines(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Every labelled deadline in ``text[start:end]``: its text as written and its span.

    Examples
    --------
    >>> text = "(一)推进项目建设。\\n责任单位:市发改委\\n时限要求:持续推进\\n"
    >>> find_stated_deadlines(text, 0, len(text))
    [('持续推进', (26, 30))]
    >>> find_stated_deadlines("(省财政厅牵头；完成时限：2025年6月底前)", 0, 24)
    [('2025年6月底前', (13, 22))]
    """
    found: list[tuple[str, tuple[int, int]]] = []
    if text.find("时", start, end) < 0 and text.find("期限", start, end) < 0:
        return found  # every label holds one of them (a C-speed look for most measures)
    for match in _LABELLED.finditer(text, start, end):
        s, e = match.span("text")
        while e > s and text[e - 1] in " \t\u3000,，、":
            e -= 1
        if e > s:
            found.append((text[s:e], (s, e)))
    return found
