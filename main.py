"""Start the FreshFlow desktop app: ``python main.py [--station NAME] [--db URL]``."""

from ui.application import main

raise SystemExit(main())
