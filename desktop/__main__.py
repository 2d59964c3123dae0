import sys

try:
    from desktop.cli import main
except KeyboardInterrupt:  # Ctrl+C while the modules load: nothing was done yet, so no traceback either
    sys.stderr.write("voluntas: interrupted\n")
    sys.exit(130)

sys.exit(main())
