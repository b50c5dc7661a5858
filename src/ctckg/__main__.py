"""Allow ``python -m ctckg``."""

from ctckg.cli import main

if __name__ == "__main__":
    main()
