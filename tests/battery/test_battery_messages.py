"""Messages a coordinator reads: no misspelt words, no doubled words (issue 20, item 5).

Misspellings are codespell's (its dictionary of common English misspellings) over the package, the
Cypher files and the documentation; the words it would flag that are Swedish or Danish, names or
vendored code are listed here. Doubled words ("the the") are looked for in every string of the package.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner
from codespell_lib import main as codespell

from stakeholders.cli import main

REPO = Path(__file__).resolve().parents[2]
# Swedish and Danish words of the texts, names and one author (Pich, of Brandes & Pich 2007) that codespell reads
# as English misspellings.
NOT_MISSPELT = "som,exempel,alls,ned,hav,titel,vill,foto,mot,mange,celler,tre,ans,pich,vart"  # Swedish and Danish words
DOUBLED = re.compile(r"(?<![-\w])([A-Za-zÅÄÖåäö]{2,})\s+\1\b", re.IGNORECASE)


def test_no_common_misspelling_in_the_package_cypher_or_docs() -> None:
    paths = [str(REPO / p) for p in ("stakeholders", "cypher", "docs", "README.md")]
    found = codespell("--skip", "*/vendor/*,*.min.js", "--ignore-words-list", NOT_MISSPELT, *paths)
    assert found == 0, "codespell found misspellings (its output above)"


def test_no_doubled_word_in_any_string_of_the_package() -> None:
    doubled = []
    for path in sorted((REPO / "stakeholders").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                # "--rejected rejected.csv" names an option and its value, not a word twice
                text = re.sub(r"--[\w-]+", "", node.value)
                doubled += [f"{path.name}:{node.lineno}: {m.group(0)!r}" for m in DOUBLED.finditer(text)]
    assert doubled == []


def test_analysis_help_lists_its_own_options_before_the_neo4j_ones() -> None:
    for command in ("gaps", "duplicates", "coverage", "brokers", "map", "report", "catalogue"):
        text = CliRunner().invoke(main, [command, "--help"]).output
        assert text.index("--top" if command in ("gaps", "brokers") else "--help") < text.index("--backend"), command
        assert "Neo4j (instead of DATA):" in text, command


def test_init_says_what_to_do_next(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "region")])
    assert result.exit_code == 0, result.output
    assert "Next:" in result.stderr and f"stakeholders validate {tmp_path / 'region'}" in result.stderr
    assert "Next:" not in result.stdout  # stdout lists the files written, for scripts


def test_info_counts_in_words_not_in_internal_names(sample_path: Path) -> None:
    line = CliRunner().invoke(main, ["info", str(sample_path), "--format", "table"]).stdout.splitlines()[0]
    assert "47 actors" in line and "32 cooperation rows" in line  # data/umearegionen/README.md's counts
    assert not re.search(r"COOPERATES_WITH|TargetGroup|PARTNER_IN", line)
