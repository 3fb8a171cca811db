"""What a terminal keeps alive, so that the garbage collector walks little (issue 17).

**The lines of closed dialogs.** Textual's `StylesCache.get_inner_outer` is an
`lru_cache(1024)` on a method: it keeps the last 1,024 `StylesCache` objects alive, with
every line they rendered (each a `Strip` with seven small caches), also those of widgets
removed long ago. In a reception that was ~1,000 caches and ~70,000 objects after a few
dozen tickets, all walked by every full collection. `release_closed_lines()` empties that
cache when a dialog closes; the widgets still shown recompute their entry on their next
render (two style lookups).

Why it matters: every dialog opened and closed is a cycle of widgets that only a full
collection frees, so CPython runs about one full collection per ticket, and each walks all
the objects the process holds; fewer objects kept, shorter pauses in the clerk's keys.
"""

from __future__ import annotations


def release_closed_lines() -> None:
    """Drop the framework's cache that keeps removed widgets' rendered lines alive."""
    from textual._styles_cache import StylesCache

    clear = getattr(getattr(StylesCache, "get_inner_outer", None), "cache_clear", None)
    if clear is not None:  # a later Textual without this cache: nothing to do
        clear()
