"""Madoguchi (窓口): counter queue and appointment manager for a city hall."""

__version__ = "0.1.0"
