"""Chinese policy text → sections, measures, responsibilities and sources.

See ``docs/parsing.md``. Standard library only (:mod:`re`).
"""

from smeeco.parse.document import (
    ParsedDocument,
    ParsedMeasure,
    ParsedSection,
    parse_policy_text,
    to_records,
)
from smeeco.parse.notice_file import NoticeText, read_notice_file
from smeeco.parse.policy import NotAPolicyTextError, ParseResult, Uncertainty, parse_policy
from smeeco.parse.responsibility import (
    ClauseForm,
    ClauseUnit,
    ResponsibilityClause,
    find_responsibility_clauses,
    parse_responsibility,
    resolve_clause,
)
from smeeco.parse.text import chinese_numeral, normalize, strip_pinyin_glosses

__all__ = [
    "ClauseForm",
    "ClauseUnit",
    "NotAPolicyTextError",
    "NoticeText",
    "ParseResult",
    "ParsedDocument",
    "ParsedMeasure",
    "ParsedSection",
    "ResponsibilityClause",
    "Uncertainty",
    "chinese_numeral",
    "find_responsibility_clauses",
    "normalize",
    "parse_policy",
    "parse_policy_text",
    "parse_responsibility",
    "read_notice_file",
    "resolve_clause",
    "strip_pinyin_glosses",
    "to_records",
]
