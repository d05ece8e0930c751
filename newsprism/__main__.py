"""`python -m newsprism ...` is the `newsprism` command."""

from .present.cli import main

if __name__ == "__main__":
    main()
