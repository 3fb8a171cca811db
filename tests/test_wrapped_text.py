"""WrappedText lays Japanese out by the rules at its own width (Rich alone would not)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from queue_app.domain.linebreak import LINE_START_FORBIDDEN
from screens.widgets.jtext import WrappedText

WARNING = (
    "更新手続期間より前です。手続はできますが、新しい電子証明書の有効期限が短くなります"
    "(期間内なら発行後6回目の誕生日まで、期間前だと5回目の誕生日までとなり、約1年短くなります)。"
)


class Box(App[None]):
    CSS = "Vertical { width: 24; } WrappedText, Static { border: none; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield WrappedText(Text(WARNING, style="bold"), id="wrapped")
            yield Static(WARNING, id="plain")


async def test_no_line_starts_with_a_closing_mark_on_screen() -> None:
    app = Box()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        wrapped = app.query_one("#wrapped", WrappedText)
        lines = wrapped.render().plain.split("\n")
        assert "".join(lines) == WARNING
        assert all(line[0] not in LINE_START_FORBIDDEN for line in lines[1:]), lines
        assert wrapped.content_region.height == len(lines)  # height follows the layout
        assert wrapped.render().spans  # the style is kept
        # Rich's own wrapping of the same text at the same width breaks the rule here
        plain = app.query_one("#plain", Static)
        assert plain.content_region.width == wrapped.content_region.width == 22
        rich_lines = [line.plain for line in Text(WARNING).wrap(app.console, 22)]
        assert any(line and line[0] in LINE_START_FORBIDDEN for line in rich_lines[1:])


async def test_update_relays_out() -> None:
    app = Box()
    async with app.run_test(size=(40, 30)) as pilot:
        wrapped = app.query_one("#wrapped", WrappedText)
        wrapped.update("短い文。")
        await pilot.pause()
        assert wrapped.content_region.height == 1
        wrapped.update("")
        await pilot.pause()
        assert wrapped.content_region.height == 0
