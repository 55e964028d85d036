"""The analyses' table lines (stakeholders.explain) in English and Swedish (issue 15: one language per output)."""

from __future__ import annotations

import re
import string

import pytest
from click.testing import CliRunner

from stakeholders.cli import main
from stakeholders.explain import WORDS


def test_every_line_has_both_languages_with_the_same_fields() -> None:
    for key, texts in WORDS.items():
        assert set(texts) == {"en", "sv"}, key
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in texts.values()]
        assert fields[0] == fields[1], key


# Words of the English lines that a Swedish table must not hold (the data's names aside: the sample's are Swedish).
ENGLISH = re.compile(r"\b(and|have no contact|steps apart|could introduce|score|people|per actor|actors|projects|"
                     r"contacts|constraint|the network splits|UNCOVERED|run at the same time|isolated)\b")  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("gaps",),
        ("gaps", "--kind", "projects"),
        ("gaps", "--kind", "sectors"),
        ("duplicates",),
        ("coverage",),
        ("brokers",),
    ],
)
def test_swedish_tables_hold_no_english_words(sample_path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*args, str(sample_path), "--lang", "sv", "--format", "table", "--top", "5"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines and lines != ["(none)"], args
    found = {m.group(0) for line in lines for m in ENGLISH.finditer(line)}
    assert not found, (args, found)
    english = CliRunner().invoke(main, [*args, str(sample_path), "--format", "table", "--top", "5"])
    assert ENGLISH.search(english.stdout), "the English table says it in English (the check can fail)"
