"""Entry point of the frozen app: the same `voluntas` command a checkout installs (desktop.cli:main).

With no command it starts the window (`voluntas` alone means `voluntas gui`), so one script serves the
console executable and, on Windows and macOS, the windowed one (see voluntas.spec).
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
