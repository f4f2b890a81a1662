"""Default configuration; instance/config.py, QUIZ_* variables and test overrides come after."""

# Questions in one self-study round.
ROUND_SIZE = 10

# A SQLite file in the instance folder when unset (see create_app).
DATABASE_URL = None

# Where the built-in articles and question banks live; None means the questions/ folder of this clone.
BANK_PATH = None

# Flask-WTF: tokens last as long as the browser session, so a slow reader is not refused.
WTF_CSRF_TIME_LIMIT = None

# Long enough for a course: the session keeps the rounds a browser played, and nothing personal.
PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 60

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Whole requests; a little over the upload limit, so that the upload check can say what is wrong.
MAX_CONTENT_LENGTH = 6 * 1024 * 1024

# Redis for rate limits and live-game push across processes, e.g. "redis://127.0.0.1:6379/0".
# Unset: rate limits are kept per process (correct for one process only) and live games are
# fanned out through PostgreSQL LISTEN/NOTIFY, or through the database's game versions on SQLite.
REDIS_URL = None

# When set, signing up as an instructor needs this code.
INSTRUCTOR_INVITE_CODE = None

# Sign-in attempts allowed, per account and per address.
SIGN_IN_LIMIT_PER_ACCOUNT = "5 per minute; 30 per hour"
SIGN_IN_LIMIT_PER_ADDRESS = "20 per minute; 200 per hour"

# Live games: how late an answer may arrive after the deadline, for network delay.
LIVE_ANSWER_GRACE_MS = 500
# How long a player's rejoin cookie lasts.
LIVE_PLAYER_COOKIE_SECONDS = 12 * 3600
# The address students' phones use to reach the app, e.g. "https://quiz.school.example" behind a
# proxy; shown in the lobby and put in its QR code. None: this computer's network address when the
# host page is opened on 127.0.0.1 or localhost, otherwise the address the host page was opened at.
PUBLIC_URL = None
# Set by `flask --app quiz serve --host 127.0.0.1`: phones cannot reach the server, so the lobby
# warns instead of offering a network address.
LIVE_SERVING_LOOPBACK_ONLY = False

# Authoring: the largest page or text that may be uploaded, pasted or fetched, and how long a
# fetch may take.
UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 5.0
