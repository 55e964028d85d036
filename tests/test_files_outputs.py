"""Outputs: only regular files replaced, modes kept or private, folders staged, leftovers cleaned.

Each test here failed before its fix (issue 20, "Measured").
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders import load_dataset
from stakeholders.backends.memory import MemoryBackend
from stakeholders.backends.neo4j_pull import write_dataset_csv
from stakeholders.cli import main
from stakeholders.errors import ExitCode, OutputError
from stakeholders.files import output_file, remove_leftovers, staged_folder, write_atomically
from stakeholders.report.build import MANIFEST, write_report
from stakeholders.schema import FILES
from stakeholders.template import write_template

DEAD_PID = 4_000_000  # above the kernel's pid_max: never a live process


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- write_atomically ---------------------------------------------------------------------------------------


def test_a_fifo_at_the_output_path_is_refused_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.html"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomically(fifo, b"x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
def test_a_device_is_refused_before_anything_is_written(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} is missing")
    with pytest.raises(OutputError, match="not a regular file"):
        output_file(Path(device))  # (write_atomically checks this first; not run on /dev itself)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomically(tmp_path, b"x")


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "map.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "map.html"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text() == "new"


def test_a_link_to_a_device_or_a_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "null").symlink_to("/dev/null")
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomically(tmp_path / "null", b"x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputError):
        write_atomically(tmp_path / "a", b"x")


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, b"new")
    assert mode(path) == 0o640


def test_a_new_file_follows_the_umask_and_personal_data_is_private(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomically(tmp_path / "personal.xlsx", b"x")
        write_atomically(tmp_path / "public.html", b"x", personal=False)
    finally:
        os.umask(old)
    assert mode(tmp_path / "personal.xlsx") == 0o600
    assert mode(tmp_path / "public.html") == 0o640


def test_the_catalogue_is_written_private(tmp_path: Path, sample_path: Path) -> None:
    """A catalogue holds contact names, e-mails and phones: it was made 0644 whatever the umask."""
    target = tmp_path / "catalogue.csv"
    result = CliRunner().invoke(main, ["catalogue", str(sample_path), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert mode(target) == 0o600


def test_a_killed_runs_temporary_file_is_removed_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    dead = tmp_path / f".map.html.{DEAD_PID}-0badf00d.tmp"
    live = tmp_path / ".map.html.1-0badf00d.tmp"  # pid 1 is alive: a run in progress
    other = tmp_path / f".other.html.{DEAD_PID}-0badf00d.tmp"
    for leftover in (dead, live, other):
        leftover.write_bytes(b"half")
    write_atomically(path, b"whole")
    assert not dead.exists() and live.exists() and other.exists()
    assert path.read_bytes() == b"whole"


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "k.csv"
    path.write_text("old")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left"):
        write_atomically(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["k.csv"]


# -- staged folders -----------------------------------------------------------------------------------------


def test_a_staged_folder_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out"
    with pytest.raises(RuntimeError), staged_folder(target) as work:
        (work / "a.csv").write_text("a")
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []
    with staged_folder(target) as work:
        (work / "a.csv").write_text("a")
    assert [p.name for p in target.iterdir()] == ["a.csv"]
    assert mode(target) == 0o700


def test_a_staged_folder_replaces_only_what_it_may(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty"), staged_folder(target):
        pass
    with staged_folder(target, replaceable=lambda folder: (folder / "mine.txt").exists()) as work:
        (work / "new.txt").write_text("new")
    assert [p.name for p in target.iterdir()] == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_folder_moved_aside_by_a_killed_run_is_put_back(tmp_path: Path) -> None:
    target = tmp_path / "report"
    old = tmp_path / f".report.{DEAD_PID}-0badf00d.old"
    old.mkdir()
    (old / "index.html").write_text("previous")
    work = tmp_path / f".report.{DEAD_PID}-0badf00e.partial"
    work.mkdir()
    remove_leftovers(target)
    assert (target / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


# -- the report folder --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source(sample_path: Path) -> MemoryBackend:
    return MemoryBackend.load(str(sample_path))


def test_report_refuses_a_folder_with_an_index_html_that_it_did_not_write(tmp_path: Path, source) -> None:
    """Any folder holding an index.html was replaced whole: the user's other files deleted, exit 0."""
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("my homepage")
    (target / "photos").mkdir()
    (target / "photos" / "me.jpg").write_bytes(b"jpg")
    with pytest.raises(OutputError, match=MANIFEST):
        write_report(source, target)
    assert (target / "photos" / "me.jpg").read_bytes() == b"jpg"
    assert (target / "index.html").read_text() == "my homepage"


def test_report_replaces_a_report_it_wrote(tmp_path: Path, source) -> None:
    target = tmp_path / "report"
    write_report(source, target)
    assert (target / MANIFEST).is_file()
    (target / "index.html").write_text("stale")
    write_report(source, target)
    assert "stale" not in (target / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_report_replaces_an_earlier_report_without_a_manifest(tmp_path: Path, source) -> None:
    target = tmp_path / "report"
    write_report(source, target)
    (target / MANIFEST).unlink()
    write_report(source, target)
    assert (target / MANIFEST).is_file()


# -- init and pull ------------------------------------------------------------------------------------------


def test_init_on_a_full_disk_leaves_nothing_and_can_be_rerun(tmp_path: Path, monkeypatch) -> None:
    """init on a full disk left a 0-byte municipalities.csv, and a rerun was refused."""
    import stakeholders.template as template

    real = template._write_csv_files

    def fail_after_the_first(paths: list[Path]) -> None:
        paths[0].write_text("id,name\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(template, "_write_csv_files", fail_after_the_first)
    target = tmp_path / "region"
    with pytest.raises(OutputError, match="No space left"):
        write_template(target)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(template, "_write_csv_files", real)
    assert len(write_template(target)) == len(FILES)  # one file per file of the format
    assert load_dataset(target).actors


def test_init_into_a_folder_holding_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty"):
        write_template(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_pulled_csv_cells_are_neutralised_and_load_back_unchanged(tmp_path: Path, write_dataset) -> None:
    data = write_dataset(
        actors=(
            "id,name,description,=extra()\n"
            'a,"=HYPERLINK(""http://evil"",""x"")",=cmd|\' /C calc\'!A0,@SUM(1)\n'
            "b,B,+46 90,''=kept\n"
        )
    )
    dataset = load_dataset(data)
    out = tmp_path / "pulled"
    write_dataset_csv(dataset, out)
    text = (out / "actors.csv").read_text(encoding="utf-8")
    for line in text.splitlines():
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), line
    again = load_dataset(out)
    assert list(again.actors.values()) == list(dataset.actors.values())
    assert again.actors["a"].name == '=HYPERLINK("http://evil","x")'
    assert dict(again.actors["b"].extra) == {"=extra()": "'=kept"}


def test_pull_refuses_a_non_empty_folder(tmp_path: Path, sample: object) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty"):
        write_dataset_csv(sample, tmp_path)  # type: ignore[arg-type]


def test_the_output_path_in_a_read_only_folder_is_an_output_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere: make the folder immutable where chattr works, else skip
        folder = tmp_path / "ro"
        folder.mkdir()
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("root ignores file modes and chattr is not available here")
        try:
            with pytest.raises(OutputError, match="nothing was written"):
                write_atomically(folder / "x.html", b"x")
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        return
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="nothing was written"):
        write_atomically(folder / "x.html", b"x")
    assert OutputError("x").exit_code == ExitCode.OUTPUT


def test_another_users_link_in_a_shared_folder_is_not_followed(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a link owned by another user needs root")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    link = shared / "map.html"
    link.symlink_to(victim)
    os.lchown(link, 65534, 65534)
    with pytest.raises(OutputError, match="another user's link"):
        write_atomically(link, b"x")
    assert victim.read_text() == "mine"
    os.lchown(link, 0, 0)
    write_atomically(link, b"x")  # one's own link is followed
    assert victim.read_text() == "x"
