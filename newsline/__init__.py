"""newsline: turn a pile of news articles into a merged, cited timeline."""

__version__ = "0.1.0"
