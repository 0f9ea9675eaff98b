"""Text for people to read: `display_text` turns a quote or a normalised text into clean display text."""

from kg.text.display import display_text

__all__ = ["display_text"]
