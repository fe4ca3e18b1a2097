"""How many years the personal fields of a closed dossier are kept, per field of law (lĩnh vực),
before they may be erased: the default of the ``retention_years`` setting.

The field names are those of the bundled catalogue (resources/catalogue). Each value and the
text it comes from is a line of docs/legal.md; where no text was found, the value is Counter's
default and says so. 0 means never erased.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_FIELD = "*"
PERMANENT = 0
# Every other field: Counter's default, not a period read in a text (docs/legal.md says which
# schedules were not found); it lies within the 2 to 70 years the Archives Law allows for records
# not kept permanently (Luật Lưu trữ 33/2024/QH15 Điều 15).
DEFAULT_YEARS = 10
# Kept for good: hộ tịch registers and registration dossiers are archived permanently (Nghị định
# 123/2015/NĐ-CP Điều 12 khoản 3; Thông tư 04/2020/TT-BTP Điều 37 khoản 1), and a record takes
# the longest period of the documents in it (Luật Lưu trữ 33/2024/QH15 Điều 15): the one-stop
# record of a hộ tịch dossier, and of a liên thông dossier whose first step registers a birth or
# a death, is kept as long.
DEFAULT_RULES: Mapping[str, int] = {
    "Hộ tịch": PERMANENT,
    "Liên thông": PERMANENT,
    DEFAULT_FIELD: DEFAULT_YEARS,
}
