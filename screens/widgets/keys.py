"""Key bindings with labels from the message catalogue, for every screen.

A screen that replaces its bindings wholesale (``self._bindings = BindingsMap([...])``)
loses the ones it inherited, Tab and Shift+Tab among them: the focus can then never leave
the first widget. `translated_bindings` always adds to the screen's own map.

Keys that open a screen or move the focus are *priority* bindings: Textual routes a key to
the widget focused when it reads the key, so a non-priority key that changes the focus
(handled later, by that widget) lets the keys typed right after it go to the old widget.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingsMap

if TYPE_CHECKING:
    from queue_app.i18n import Translator

KeySpec = tuple[str, str, str] | tuple[str, str, str, bool] | tuple[str, str, str, bool, bool]


def translated_bindings(
    tr: Translator, specs: Iterable[KeySpec], base: BindingsMap | None = None
) -> BindingsMap:
    """Bindings whose footer labels come from the catalogue, added to `base` (a key given
    here replaces the base's binding of that key).

    A spec is (keys, action, label key[, shown in the footer[, priority]]).
    """
    bindings: list[Binding] = []
    for spec in specs:
        key, action, label_key = spec[0], spec[1], spec[2]
        show = bool(spec[3]) if len(spec) > 3 else True
        priority = bool(spec[4]) if len(spec) > 4 else False  # type: ignore[misc]
        label = tr(label_key) if label_key else ""
        bindings.append(Binding(key, action, label, show=show, priority=priority))
    extra = BindingsMap(bindings)
    if base is None:
        return extra
    kept = BindingsMap()  # the base's other keys; a key given here replaces the base's
    kept.key_to_bindings = {
        key: list(group)
        for key, group in base.key_to_bindings.items()
        if key not in extra.key_to_bindings
    }
    return BindingsMap.merge([kept, extra])
