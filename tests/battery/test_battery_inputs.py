"""The reliability battery: bad inputs and output paths, run through the command line (issue 20).

Each case is a named dataset (files made from the table below) and a command; the battery asserts
the documented exit code, a fragment of the message, no traceback, and that nothing was written
at the output path (for a refused input) and nowhere else. docs/reliability.md lists every case
(a test checks that it does).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from stakeholders.cli import main

OK, INVALID, OUTPUT = 0, 2, 7
ACTORS = "id,name\na,A\nb,B\n"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"

Make = Callable[[Path], None]  # makes the dataset in the folder it is given


@dataclass(frozen=True)
class Case:
    name: str
    make: Make
    code: int
    fragment: str  # in the messages (stderr); "" for a success
    data: str = "data"  # the DATA argument, relative to the case's folder
    command: tuple[str, ...] = ("export", "{data}", "--format", "json", "-o", "{out}/graph.json")
    prepare: Make | None = None  # makes the output's surroundings (a folder in the way, ...)
    skip: Callable[[], str] | None = field(default=None, compare=False)  # a reason to skip, or ""


def files(**tables: str | bytes) -> Make:
    """CSV files of the folder ``data``: ``files(actors="id,name\\n...")`` (text is UTF-8)."""

    def make(root: Path) -> None:
        folder = root / "data"
        folder.mkdir(exist_ok=True)
        for name, content in tables.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / f"{name}.csv").write_bytes(data)

    return make


def raw(name: str, content: bytes) -> Make:
    """One file of any name (and folder ``data`` made)."""

    def make(root: Path) -> None:
        (root / "data").mkdir(exist_ok=True)
        (root / "data" / name).write_bytes(content)

    return make


def both(*makes: Make) -> Make:
    def make(root: Path) -> None:
        for part in makes:
            part(root)

    return make


def workbook(sheets: dict[str, list[list[object]]], edit: Callable[[Workbook], None] | None = None) -> Make:
    def make(root: Path) -> None:
        book = Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        if edit is not None:
            edit(book)
        book.save(root / "d.xlsx")

    return make


def rezip(make_book: Make, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Make:
    def make(root: Path) -> None:
        make_book(root)
        path = root / "d.xlsx"
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        parts.update(replace)
        parts.update(add or {})
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)

    return make


def linked(name: str, to: str) -> Make:
    def make(root: Path) -> None:
        (root / "data").mkdir(exist_ok=True)
        (root / "data" / name).symlink_to(to)

    return make


def secret(root: Path) -> None:
    (root / "shadow").write_text("root:*:19000:0:99999:7:::\n")


def fifo(name: str) -> Make:
    def make(root: Path) -> None:
        (root / "data").mkdir(exist_ok=True)
        os.mkfifo(root / "data" / name)

    return make


def folder_named(name: str) -> Make:
    def make(root: Path) -> None:
        (root / "data" / name).mkdir(parents=True)

    return make


def far_cell(book: Workbook) -> None:
    book["actors"]["XFD1048576"] = "far"


def formula(book: Workbook) -> None:
    book["actors"]["B3"] = '=CONCAT("B","")'  # no cached value: openpyxl writes none


def merged(book: Workbook) -> None:
    book["actors"].merge_cells("C2:D2")


def hidden(book: Workbook) -> None:
    book["actors"].sheet_state = "hidden"
    book.create_sheet("visible")


def other_name(book: Workbook) -> None:
    book.create_sheet("other")


def rename_other_to_actors_upper(make_book: Make) -> Make:
    def make(root: Path) -> None:
        make_book(root)
        path = root / "d.xlsx"
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="other"', b'name="ACTORS"')
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)

    return make


BOOK = workbook({"actors": [["id", "name", "description"], ["a", "A", "x"], ["b", "B", "y"]]})
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&s;</t></is></c></row></sheetData></worksheet>"""
SHEET = "xl/worksheets/sheet1.xml"
GARBAGE = bytes(range(256)) * 40
WIDE_HEADER = ",".join(["id", "name", *(f"c{k}" for k in range(10_000))])


def projects(rows: str, header: str = "id,name,owner,partners,start,end,budget") -> Make:
    return files(actors=ACTORS, projects=f"{header}\n{rows}")


def read_only_folder(root: Path) -> None:
    (root / "ro").mkdir()
    (root / "ro").chmod(0o500)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(root / "ro")], capture_output=True, check=False)


def no_read_only_folder() -> str:
    if os.geteuid() != 0:
        return ""
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f".battery-chattr-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(["chattr", "+i", str(probe)], capture_output=True, check=False)
        if done.returncode != 0:
            return "root ignores file modes and chattr +i is not available on this file system"
        subprocess.run(["chattr", "-i", str(probe)], capture_output=True, check=False)
        return ""
    finally:
        probe.rmdir()


def in_the_way(kind: str) -> Make:
    def make(root: Path) -> None:
        out = root / "out"
        out.mkdir()
        if kind == "folder":
            (out / "graph.json").mkdir()
        elif kind == "fifo":
            os.mkfifo(out / "graph.json")
        elif kind == "devlink":
            (out / "graph.json").symlink_to("/dev/null")
        elif kind == "site":
            (out / "index.html").write_text("my homepage")
            (out / "photos").mkdir()
        elif kind == "file":
            (out / "report").write_text("a file")

    return make


CASES = [
    # -- actors.csv: the file itself
    Case("actors-empty-file", files(actors=""), INVALID, "the file is empty"),
    Case("actors-whitespace-only", files(actors="  \n\n \n"), INVALID, "the file is empty"),
    Case("actors-header-only", files(actors="id,name\n"), OK, ""),
    Case("actors-missing-name-column", files(actors="id,type\na,x\n"), INVALID, "name"),
    Case("actors-missing-id-column", files(actors="name,type\nA,x\n"), INVALID, "id"),
    Case("actors-empty-header-row", files(actors=",,\na,A,\n"), INVALID, "header row is empty"),
    Case("actors-column-twice", files(actors="id,name,name\na,A,B\n"), INVALID, "appears twice"),
    Case("actors-value-in-nameless-column", files(actors="id,,name\na,x,A\n"), INVALID, "has no name in row 1"),
    Case("actors-value-right-of-header", files(actors="id,name\na,A,stray\n"), INVALID, "right of the last named"),
    Case("actors-duplicate-id", files(actors="id,name\na,A\na,B\n"), INVALID, "'a'"),
    Case("actors-case-duplicate-id", files(actors="id,name\nab,A\nAB,B\n"), INVALID, "'AB'"),
    Case("actors-empty-id", files(actors="id,name\n,A\nb,B\n"), INVALID, "row 2"),
    Case("actors-unknown-sector", files(actors="id,name,sector\na,A,publik\n"), INVALID, "sector"),
    Case(
        "actors-unknown-municipality",
        files(actors="id,name,municipalities\na,A,Nowhere\n", municipalities="id,name\n2480,Umeå\n"),
        INVALID,
        "Nowhere",
    ),
    Case(
        "actors-unknown-target-group",
        files(actors="id,name,target_groups\na,A,ghosts\n", target_groups="id,name\nung,Unga\n"),
        INVALID,
        "ghosts",
    ),
    Case(
        "actors-ids-like-paths",
        files(actors="id,name,municipalities\n../../x,A,../../m\n/etc/passwd,B,../../m\n"),
        OK,
        "",
        command=("report", "{data}", "-o", "{out}/report"),
    ),
    Case(
        "actors-formulas-are-text",
        files(actors='id,name,description\na,"=HYPERLINK(""http://x"",""y"")",@SUM(1)\nb,+B,-1\n'),
        OK,
        "",
    ),
    Case("actors-unclosed-quote", files(actors='id,name\na1,"X\na2,Y\n'), INVALID, "row 2: a quote opens"),
    Case("actors-quoted-line-breaks", files(actors='id,name,description\na,A,"two\nlines"\nb,B,\n'), OK, ""),
    Case("actors-windows-1252", files(actors="id,name\nume,Umeå kommun\n".encode("cp1252")), OK, ""),
    Case("actors-utf16-bom", files(actors="id,name\nume,Umeå kommun\n".encode("utf-16")), OK, ""),
    Case("actors-utf8-bom", files(actors="id,name\nume,Umeå kommun\n".encode("utf-8-sig")), OK, ""),
    Case("actors-crlf", files(actors="id,name\r\na,A\r\nb,B\r\n"), OK, ""),
    Case("actors-semicolons", files(actors="id;name\na;A\nb;B\n"), OK, ""),
    Case("actors-mixed-separators", files(actors="id,name\na;A\nb,B\n"), INVALID, "name"),
    Case("actors-nul-bytes", files(actors=b"id,name\na,A\x00\x00\nb,B\n"), INVALID, "not a text (CSV) file"),
    Case("actors-binary-garbage", files(actors=GARBAGE), INVALID, "not a text (CSV) file"),
    Case("actors-a-workbook-named-csv", files(actors=b"PK\x03\x04" + GARBAGE), INVALID, "looks like a workbook"),
    Case("actors-cell-of-50-mb", files(actors="id,name\na," + "x" * 50_000_000 + "\n"), INVALID, "more than a dataset"),
    Case("actors-cell-of-140-kb", files(actors="id,name,description\na,A," + "x" * 140_000 + "\n"), OK, ""),
    Case("actors-10000-named-columns", files(actors=WIDE_HEADER + "\na,A\n"), OK, ""),
    Case("actors-10000-stray-columns", files(actors="id,name\na,A" + ",x" * 10_000 + "\n"), INVALID, "right of"),
    # -- the dataset folder
    Case("folder-empty", lambda root: (root / "data").mkdir(), INVALID, "actors.csv is missing"),
    Case("folder-no-actors", files(projects="id,name,owner\np,P,a\n"), INVALID, "actors.csv is missing"),
    Case("folder-actors-is-a-folder", folder_named("actors.csv"), INVALID, "is a folder"),
    Case("folder-actors-is-a-fifo", fifo("actors.csv"), INVALID, "not a regular file"),
    Case("folder-case-twins", both(files(actors=ACTORS), raw("ACTORS.csv", ACTORS.encode())), INVALID, "only in case"),
    Case("folder-link-outside", both(secret, linked("actors.csv", "../shadow")), INVALID, "outside the dataset"),
    Case("folder-link-loop", both(linked("actors.csv", "b.csv"), linked("b.csv", "actors.csv")), INVALID, "loop"),
    Case("folder-broken-link", linked("actors.csv", "nowhere.csv"), INVALID, "leads to no file"),
    Case("folder-unknown-files-ignored", both(files(actors=ACTORS), raw("notes.txt", b"\x00\x01")), OK, ""),
    Case("data-missing", lambda root: None, INVALID, "no such file or folder"),
    Case("data-a-csv-file", files(actors=ACTORS), INVALID, "Give the folder", data="data/actors.csv"),
    Case(
        "data-an-xls-file",
        raw("old.xls", b"\xd0\xcf\x11\xe0" + GARBAGE),
        INVALID,
        "Save the workbook",
        data="data/old.xls",
    ),
    Case("data-a-fifo-named-xlsx", fifo("d.xlsx"), INVALID, "not a regular file", data="data/d.xlsx"),
    # -- projects.csv
    Case("projects-unknown-owner", projects("p,P,nobody,,,,\n"), INVALID, "nobody"),
    Case("projects-unknown-partner", projects("p,P,a,ghost,,,\n"), INVALID, "ghost"),
    Case("projects-missing-owner-column", projects("p,P\n", header="id,name"), INVALID, "owner"),
    Case("projects-duplicate-id", projects("p,P,a,,,,\nP,Q,b,,,,\n"), INVALID, "'P'"),
    Case("projects-end-before-start", projects("p,P,a,,2009-01-01,2008-01-01,\n"), INVALID, "end"),
    Case("projects-impossible-date", projects("p,P,a,,2008-02-30,,\n"), INVALID, "not a date"),
    Case("projects-date-as-text", projects("p,P,a,,spring 2008,,\n"), INVALID, "not a date"),
    Case("projects-negative-budget", projects("p,P,a,,,,-5000\n"), INVALID, "negative"),
    Case("projects-budget-of-310-digits", projects("p,P,a,,,," + "9" * 310 + "\n"), INVALID, "too large"),
    Case("projects-budget-as-text", projects("p,P,a,,,,lots\n"), INVALID, "not a number"),
    Case("projects-swedish-budget", projects('p,P,a,,,,"1 200 000,50 kr"\n'), OK, ""),
    # -- municipalities.csv
    Case(
        "municipalities-negative-population",
        files(actors=ACTORS, municipalities="id,name,population\n2480,Umeå,-1\n"),
        INVALID,
        "negative",
    ),
    Case(
        "municipalities-fractional-population",
        files(actors=ACTORS, municipalities="id,name,population\n2480,Umeå,1.5\n"),
        INVALID,
        "whole number",
    ),
    Case(
        "municipalities-absurd-population",
        files(actors=ACTORS, municipalities="id,name,population\n2480,Umeå,10000000000000000\n"),
        INVALID,
        "too large",
    ),
    Case(
        "municipalities-case-duplicate-id",
        files(actors=ACTORS, municipalities="id,name\nume,Umeå\nUME,Umeå 2\n"),
        INVALID,
        "'UME'",
    ),
    Case("municipalities-missing-name", files(actors=ACTORS, municipalities="id\n2480\n"), INVALID, "name"),
    # -- target_groups.csv
    Case(
        "target-groups-parent-cycle",
        files(actors=ACTORS, target_groups="id,name,parent\nx,X,y\ny,Y,x\n"),
        INVALID,
        "cycle",
    ),
    Case(
        "target-groups-unknown-parent",
        files(actors=ACTORS, target_groups="id,name,parent\nx,X,ghost\n"),
        INVALID,
        "ghost",
    ),
    # -- target_group_sizes.csv
    Case(
        "sizes-negative",
        files(actors=ACTORS, target_group_sizes="target_group,municipality,size\nung,2480,-3\n"),
        INVALID,
        "negative",
    ),
    Case(
        "sizes-not-a-number",
        files(actors=ACTORS, target_group_sizes="target_group,municipality,size\nung,2480,many\n"),
        INVALID,
        "not a number",
    ),
    Case(
        "sizes-missing-size-column",
        files(actors=ACTORS, target_group_sizes="target_group,municipality\nung,2480\n"),
        INVALID,
        "size",
    ),
    Case(
        "sizes-unknown-municipality",
        files(
            actors=ACTORS,
            municipalities="id,name\n2480,Umeå\n",
            target_group_sizes="target_group,municipality,size\nung,9999,3\n",
        ),
        INVALID,
        "9999",
    ),
    # -- cooperation.csv
    Case(
        "cooperation-strength-4",
        files(actors=ACTORS, cooperation="source,target,strength\na,b,4\n"),
        INVALID,
        "strength",
    ),
    Case("cooperation-unknown-actor", files(actors=ACTORS, cooperation="source,target\na,ghost\n"), INVALID, "ghost"),
    Case(
        "cooperation-since-as-text",
        files(actors=ACTORS, cooperation="source,target,since\na,b,long ago\n"),
        INVALID,
        "year",
    ),
    Case("cooperation-10000-same-pair", files(actors=ACTORS, cooperation="source,target\n" + "a,b\n" * 10_000), OK, ""),
    # -- funding.csv
    Case(
        "funding-negative-amount",
        files(actors=ACTORS, projects="id,name,owner\np,P,a\n", funding="funder,project,amount\na,p,-1\n"),
        INVALID,
        "negative",
    ),
    Case(
        "funding-unknown-project",
        files(actors=ACTORS, projects="id,name,owner\np,P,a\n", funding="funder,project,amount\na,ghost,1\n"),
        INVALID,
        "ghost",
    ),
    Case(
        "funding-unknown-funder",
        files(actors=ACTORS, projects="id,name,owner\np,P,a\n", funding="funder,project,amount\nghost,p,1\n"),
        INVALID,
        "ghost",
    ),
    # -- workbooks
    Case("xlsx-valid", BOOK, OK, "", data="d.xlsx"),
    Case(
        "xlsx-binary-garbage",
        lambda root: (root / "d.xlsx").write_bytes(GARBAGE),
        INVALID,
        "not an Excel",
        data="d.xlsx",
    ),
    Case("xlsx-csv-text", lambda root: (root / "d.xlsx").write_text(ACTORS), INVALID, "not an Excel", data="d.xlsx"),
    Case("xlsx-empty-file", lambda root: (root / "d.xlsx").write_bytes(b""), INVALID, "not an Excel", data="d.xlsx"),
    Case(
        "xlsx-broken-zip",
        lambda root: (root / "d.xlsx").write_bytes(b"PK\x03\x04" + GARBAGE),
        INVALID,
        "not an Excel",
        data="d.xlsx",
    ),
    Case(
        "xlsx-zip-bomb", rezip(BOOK, {}, {"xl/media/pad.bin": b"\0" * (60 << 20)}), INVALID, "zip bomb", data="d.xlsx"
    ),
    Case("xlsx-billion-laughs", rezip(BOOK, {SHEET: LAUGHS}), INVALID, "not a valid Excel workbook", data="d.xlsx"),
    Case("xlsx-external-entity", rezip(BOOK, {SHEET: XXE}), INVALID, "not a valid Excel workbook", data="d.xlsx"),
    Case(
        "xlsx-broken-xml",
        rezip(BOOK, {SHEET: b"<worksheet><sheetData><row>"}),
        INVALID,
        "not a valid Excel",
        data="d.xlsx",
    ),
    Case(
        "xlsx-cell-at-XFD1048576",
        workbook({"actors": [["id", "name"], ["a", "A"]]}, far_cell),
        INVALID,
        "row 1048576",
        data="d.xlsx",
    ),
    Case(
        "xlsx-no-actors-sheet",
        workbook({"people": [["id", "name"], ["a", "A"]]}),
        INVALID,
        "sheet 'actors' is missing",
        data="d.xlsx",
    ),
    Case(
        "xlsx-case-twin-sheets",
        rename_other_to_actors_upper(workbook({"actors": [["id", "name"], ["a", "A"]]}, other_name)),
        INVALID,
        "only in case",
        data="d.xlsx",
    ),
    Case(
        "xlsx-formula-without-value",
        workbook({"actors": [["id", "name"], ["a", "A"], ["b", "B"]]}, formula),
        INVALID,
        "row 3",
        data="d.xlsx",
    ),
    Case(
        "xlsx-merged-cells",
        workbook({"actors": [["id", "name", "description", "x"], ["a", "A", "d", ""]]}, merged),
        OK,
        "",
        data="d.xlsx",
    ),
    Case("xlsx-hidden-sheet", workbook({"actors": [["id", "name"], ["a", "A"]]}, hidden), OK, "", data="d.xlsx"),
    Case("xlsx-header-only", workbook({"actors": [["id", "name"]]}), OK, "", data="d.xlsx"),
    Case("xlsx-empty-sheet", workbook({"actors": []}), INVALID, "header row is empty", data="d.xlsx"),
    # -- output paths
    Case("output-is-a-folder", files(actors=ACTORS), OUTPUT, "is a folder; give a file name", prepare=in_the_way("folder")),
    Case("output-is-a-fifo", files(actors=ACTORS), OUTPUT, "not a regular file", prepare=in_the_way("fifo")),
    Case("output-links-to-dev-null", files(actors=ACTORS), OUTPUT, "not a regular file", prepare=in_the_way("devlink")),
    Case(
        "output-in-a-read-only-folder",
        files(actors=ACTORS),
        OUTPUT,
        "nothing was written",
        command=("export", "{data}", "--format", "json", "-o", "{root}/ro/graph.json"),
        prepare=read_only_folder,
        skip=no_read_only_folder,
    ),
    Case(
        "report-into-a-foreign-folder",
        files(actors=ACTORS),
        OUTPUT,
        ".stakeholders-report",
        command=("report", "{data}", "-o", "{out}"),
        prepare=in_the_way("site"),
    ),
    Case(
        "report-into-a-file",
        files(actors=ACTORS),
        OUTPUT,
        "not a folder",
        command=("report", "{data}", "-o", "{out}/report"),
        prepare=in_the_way("file"),
    ),
    Case(
        "map-invalid-data",
        files(actors="id,name\na,A\na,B\n"),
        INVALID,
        "'a'",
        command=("map", "{data}", "-o", "{out}/m.html"),
    ),
    Case(
        "catalogue-invalid-data",
        files(actors="id,name,sector\na,A,publik\n"),
        INVALID,
        "sector",
        command=("catalogue", "{data}", "--format", "xlsx", "-o", "{out}/c.xlsx"),
    ),
    Case(
        "report-invalid-data",
        projects("p,P,a,,2009-01-01,2008-01-01,\n"),
        INVALID,
        "end",
        command=("report", "{data}", "-o", "{out}/report"),
    ),
]


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every path under ``root`` (but the output folder) and its content."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        if relative == "out" or relative.startswith("out/"):
            continue
        if path.is_symlink():
            found[relative] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[relative] = (
                path.stat().st_size.to_bytes(8, "big") if path.stat().st_size > 1 << 20 else path.read_bytes()
            )
        else:
            found[relative] = "dir" if path.is_dir() else "special"
    return found


def out_state(out: Path) -> dict[str, str]:
    if not out.exists():
        return {}
    return {str(p.relative_to(out)): "dir" if p.is_dir() else "file" for p in sorted(out.rglob("*"))}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    reason = case.skip() if case.skip is not None else ""
    if reason:
        pytest.skip(reason)
    case.make(tmp_path)
    if case.prepare is not None:
        case.prepare(tmp_path)
    out = tmp_path / "out"
    before, out_before = snapshot(tmp_path), out_state(out)
    args = [part.format(data=tmp_path / case.data, out=out, root=tmp_path) for part in case.command]
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        if (tmp_path / "ro").exists() and os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(tmp_path / "ro")], capture_output=True, check=False)
    messages = result.stderr
    assert "Traceback" not in result.output + messages
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == case.code, messages[-3000:]
    assert case.fragment in messages, messages[-3000:]
    assert snapshot(tmp_path) == before, "the command wrote or changed something beside its output"
    if case.code != OK:
        assert out_state(out) == out_before, "a refused run wrote at the output path"
        if len(messages) > 1:
            assert len(messages) < 20_000, "a message echoes too much of the input"
    elif case.command[0] == "export":
        json.loads((out / "graph.json").read_text(encoding="utf-8"))
    if (tmp_path / "ro").exists():
        shutil.rmtree(tmp_path / "ro", ignore_errors=True)


def test_the_battery_is_big_enough_and_documented() -> None:
    inputs = [case for case in CASES if not case.name.startswith(("output-", "report-into"))]
    assert len(inputs) >= 60
    assert len({case.name for case in CASES}) == len(CASES)
    documented = DOCS.read_text(encoding="utf-8")
    missing = [case.name for case in CASES if f"`{case.name}`" not in documented]
    assert not missing, f"add these cases to {DOCS.name}: {missing}"


def full_disk_folder(tmp_path: Path) -> Path:
    target = tmp_path / "small"
    target.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(target)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    return target


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (("export", "sample:umearegionen", "--format", "json", "-o"), "graph.json"),
        (("map", "sample:umearegionen", "-o"), "map.html"),
        (("report", "sample:umearegionen", "-o"), "report"),
        (("init",), "region"),
    ],
    ids=["export", "map", "report", "init"],
)
def test_a_full_disk_leaves_the_previous_output_or_none(tmp_path: Path, command: tuple[str, ...], output: str) -> None:
    disk = full_disk_folder(tmp_path)
    try:
        (disk / "filler").write_bytes(b"\0" * ((64 << 20) - (8 << 10)))
        result = CliRunner().invoke(main, [*command, str(disk / output)])
        assert result.exit_code == OUTPUT, result.output
        assert "No space left" in result.stderr and "Traceback" not in result.output
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
        (disk / "filler").unlink()
        again = CliRunner().invoke(main, [*command, str(disk / output)])
        assert again.exit_code == OK, again.output  # small enough once there is room: a rerun just works
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, check=False)
