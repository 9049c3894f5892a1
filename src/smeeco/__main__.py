"""``python -m smeeco``: the ``smeeco`` command."""

import sys

from smeeco._cli import main

if __name__ == "__main__":
    sys.exit(main())
