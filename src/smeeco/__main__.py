"""``python -m smeeco``: the ``smeeco`` command."""

import sys

from smeeco.cli import main

if __name__ == "__main__":
    sys.exit(main())
