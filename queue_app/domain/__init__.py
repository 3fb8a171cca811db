"""Pure rules of the counter: no I/O, no Textual, no SQL.

Everything here can be imported by a test, the CLI or a screen and behaves the same.
"""
