"""The date engine: find temporal expressions and resolve them against an anchor."""
