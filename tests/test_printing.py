"""Printed tickets and slips are real documents on white paper, the CLI runs
`print_command` like the reception, and the late-ticket warning is honest (issue 11,
"The assessment and what the visitor is told")."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from queue_app.cli import main
from queue_app.domain.errors import DomainError
from queue_app.i18n import Translator
from queue_app.services import IssueRequest
from queue_app.services.documents import ticket_document, warning_texts
from queue_app.services.printing import _font, write_png, write_svg

JST = ZoneInfo("Asia/Tokyo")
SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(path: Path) -> tuple[ET.Element, list[str]]:
    root = ET.parse(path).getroot()
    return root, [t.text or "" for t in root.iter(f"{SVG}text")]


def assert_white_paper_svg(root: ET.Element) -> None:
    first = next(iter(root))
    assert first.tag == f"{SVG}rect"
    assert first.get("fill", "").lower() in ("#ffffff", "white")
    assert (first.get("width"), first.get("height")) == (root.get("width"), root.get("height"))


def assert_white_paper_png(path: Path) -> None:
    image = Image.open(path).convert("RGB")
    w, h = image.size
    for corner in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        assert image.getpixel(corner) == (255, 255, 255)
    colours = image.getcolors(maxcolors=1_000_000) or []
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert white > 0.6 * w * h


def test_ticket_document_ja_and_en(services: Any) -> None:
    t = services.tickets
    for _ in range(3):
        t.issue(IssueRequest("sogo", "ecert"), with_estimate=False)
    result = t.issue(IssueRequest("sogo", "ecert", visit_kind="guardian"))
    ja = ticket_document(result, services.config, services.calendar, "ja")
    text = "\n".join(ja.text_lines())
    for part in ("総合窓口課", "電子証明書の更新", result.ticket.display_number, "09:00"):
        assert part in text, part
    assert "前にお待ちの方: 3人" in text and "約23分" in text
    assert "成年後見人であることが確認できる登記事項証明書" in text
    assert "代理人" not in text.replace("成年後見人", "")
    en = "\n".join(ticket_document(result, services.config, services.calendar, "en").text_lines())
    assert "~23 min" in en and "Waiting ahead of you: 3" in en and "約" not in en


def test_ticket_files_are_documents_on_white(services: Any, tmp_path: Path) -> None:
    result = services.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self"))
    doc = ticket_document(result, services.config, services.calendar, "ja")
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    write_png(doc, png)
    write_svg(doc, svg)
    assert_white_paper_png(png)
    root, texts = svg_texts(svg)
    assert_white_paper_svg(root)
    joined = "".join(texts)
    for part in ("総合窓口課", "A-001", "電子証明書の更新", "発券", "待ち時間の目安"):
        assert part in joined, part
    if shutil.which("zbarimg"):  # the QR on the paper reads back as the token
        out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
        assert out.stdout.strip() == result.token
    if Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists():
        assert "CJK" in " ".join(_font(20).getname())  # Japanese is drawn, not boxes


def test_cli_issue_runs_print_command_and_writes_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    printed = tmp_path / "printed.png"
    monkeypatch.setenv("MADOGUCHI_PRINT_COMMAND", f"sh -c 'cp \"$0\" {printed}'")
    capsys.readouterr()
    argv = ["ticket", "issue", "--office", "sogo", "--service", "ecert", "--visit", "self"]
    png, svg = tmp_path / "out.png", tmp_path / "out.svg"
    assert main([*argv, "--png", str(png), "--svg", str(svg), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["number"] == "A-001"
    assert printed.exists(), "the CLI did not run print_command"
    assert_white_paper_png(printed)
    assert_white_paper_png(png)
    root, texts = svg_texts(svg)
    assert_white_paper_svg(root)
    assert "General Counter Section" in "".join(texts) or "Citizen" in "".join(texts)
    assert any("Estimated wait" in t for t in texts)


def test_cli_print_failure_is_reported_after_the_ticket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    monkeypatch.setenv("MADOGUCHI_PRINT_COMMAND", "false")
    capsys.readouterr()
    assert main(["ticket", "issue", "--office", "sogo", "--service", "moving"]) == 3
    captured = capsys.readouterr()
    assert "C-001" in captured.out and "C-001" in captured.err
    assert "Traceback" not in captured.err


def test_late_ticket_never_suggests_an_office_closing_as_soon(services: Any) -> None:
    """17:00 at sogo with a long queue: every office stops at 17:15, so none is suggested;
    the next open day is."""
    services.clock.set(datetime(2026, 12, 1, 16, 0, tzinfo=JST))
    t = services.tickets
    for _ in range(8):
        t.issue(IssueRequest("sogo", "ecert"), with_estimate=False)
    services.clock.set(datetime(2026, 12, 1, 17, 0, tzinfo=JST))
    result = t.issue(IssueRequest("sogo", "ecert"))
    est = result.estimate
    assert est is not None and est.after_close
    assert est.alternative_office is None
    assert est.next_open_day is not None and est.next_open_day.isoformat() == "2026-12-02"
    text = warning_texts(result, services.config, services.calendar, Translator("ja"))
    assert any("17:15" in x and "2026-12-02" in x for x in text)
    assert not any("{" in x for x in text)  # the reception shows the sentence, not a template


def test_maintenance_sunday_names_the_procedure_not_the_office(services: Any) -> None:
    services.clock.set(datetime(2026, 12, 20, 10, 0, tzinfo=JST))
    with pytest.raises(DomainError) as exc:
        services.tickets.issue(IssueRequest("station", "ecert"))
    ja, en = exc.value.message("ja"), exc.value.message("en")
    assert "電子証明書の更新" in ja and "本日受付していません" not in ja
    assert "Citizen Service Station" in en and "closed today" not in en


def test_cli_says_no_wait_in_one_wording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["ticket", "issue", "--office", "sogo", "--service", "moving"]) == 0
    out = capsys.readouterr().out
    assert "待ち 0 人、待ちなし" in out and "約 0 分" not in out and "約0分" not in out
    assert main(["ticket", "issue", "--office", "sogo", "--service", "moving"]) == 0
    assert "約10分" in capsys.readouterr().out  # 1 ahead, 2 counters, 20 minutes
