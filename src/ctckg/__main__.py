"""Allow ``python -m ctckg``."""

from ctckg.cli.main import main

if __name__ == "__main__":
    main()
