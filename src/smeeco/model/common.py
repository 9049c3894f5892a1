"""Values every record shares and the record base class (a re-export module).

The values live in :mod:`smeeco.model.values` and the record base in
:mod:`smeeco.model.record`; this module keeps the old import path working.
"""

from smeeco.model.record import Record, Reference, ref
from smeeco.model.values import (
    EXACT as EXACT,
)
from smeeco.model.values import (
    Money,
    Name,
    Period,
    Source,
    as_date,
    check_id,
    check_text,
    text_checked,
)
from smeeco.model.values import (
    _canonical as _canonical,
)
from smeeco.model.values import (
    _optional_date as _optional_date,
)
from smeeco.model.values import (
    id_field_validator as id_field_validator,
)
from smeeco.model.values import (
    ids_validator as ids_validator,
)
from smeeco.model.values import (
    optional_amount as optional_amount,
)
from smeeco.model.values import (
    optional_id_validator as optional_id_validator,
)

__all__ = [
    "Money",
    "Name",
    "Period",
    "Record",
    "Reference",
    "Source",
    "as_date",
    "check_id",
    "check_text",
    "ref",
    "text_checked",
]
