"""Default configuration; instance/config.py, QUIZ_* variables and test overrides come after."""

# Questions in one self-study round.
ROUND_SIZE = 10

# A SQLite file in the instance folder when unset (see create_app).
DATABASE_URL = None

# Where the built-in articles and question banks live; None means the questions/ folder of this clone.
BANK_PATH = None

# Flask-WTF: tokens last as long as the browser session, so a slow reader is not refused.
WTF_CSRF_TIME_LIMIT = None

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

MAX_CONTENT_LENGTH = 5 * 1024 * 1024
