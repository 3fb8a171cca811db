"""Textual screens and widgets. They call services (never SQL) from thread workers."""
