"""``python -m newsline``."""

from newsline.cli import main

main()
