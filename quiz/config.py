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

# Failed sign-ins allowed (see quiz/accounts/throttle.py): per address; per account from one
# address; and per account from every address, enforced only on addresses that have failed on that
# account, so that a stranger cannot lock the owner out.
SIGN_IN_LIMIT_PER_ADDRESS = "20 per minute; 200 per hour"
SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS = "5 per minute; 20 per hour"
SIGN_IN_LIMIT_PER_ACCOUNT = "60 per hour; 300 per day"
# Sign-ups allowed per address, every attempt counted.
SIGN_UP_LIMIT_PER_ADDRESS = "30 per hour"
# How long a password reset link printed by `flask --app quiz reset-password` lasts.
PASSWORD_RESET_SECONDS = 3600

# Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or networks,
# comma-separated, or "*". Requests from any other peer are taken as they come.
FORWARDED_ALLOW_IPS = "127.0.0.1"

# Live games: how late an answer may arrive after the deadline, for network delay.
LIVE_ANSWER_GRACE_MS = 500
# How long a player's rejoin cookie lasts.
LIVE_PLAYER_COOKIE_SECONDS = 12 * 3600
# Failed PIN look-ups allowed per address (an IPv6 /64): joins with a PIN that names no open game,
# and game pages asked for by a browser that has not joined that game. A class of 30+ phones
# behind one school address fails a few times at most; at 300 an hour, hitting a given game's PIN
# among 900,000 takes two months on average. Phones already in a game, and phones joining a game
# that another phone of their address joined, are never held up (see quiz/live/play_views.py).
LIVE_PIN_FAILURE_LIMIT = "30 per minute; 300 per hour"
# Players one game takes, removed ones included; the next one is told the game is full.
LIVE_MAX_PLAYERS = 5000
# Push streams one player may hold in each server process; a new one closes their oldest.
LIVE_MAX_STREAMS_PER_PLAYER = 3
# An instructor's projector streams, per process: each polls the game a few times a second, so a
# new one beyond this closes the instructor's oldest (a reloaded projector replaces itself).
LIVE_MAX_HOST_STREAMS = 4
# Joins (and name suggestions) from one address, valid PIN or not: a class behind one school
# address joins in a minute well under it; one script cannot fill a game to its player cap.
LIVE_JOIN_LIMIT_PER_ADDRESS = "120 per minute; 1000 per hour"
LIVE_SUGGESTION_LIMIT_PER_ADDRESS = "60 per minute"
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

# Authoring limits, checked before any heavy work; a refusal names the limit and saves nothing.
# An article's text: characters in all, blocks (paragraphs), characters in one block. A long read
# is about 60,000 characters; pysbd's sentence splitting slows with the square of a block's length.
ARTICLE_MAX_CHARS = 100_000
ARTICLE_MAX_BLOCKS = 400
ARTICLE_MAX_BLOCK_CHARS = 20_000
# Start tags in an uploaded or fetched page, counted before it is parsed. A long news page has a
# few thousand; reading time grows faster than the page (10,000 paragraphs take seconds).
PAGE_MAX_ELEMENTS = 20_000
# One import file from the web (GIFT or native): its questions, its articles (native), and its
# lines (GIFT; a thousand questions of a dozen lines each fit). The command line has no such limits.
IMPORT_MAX_QUESTIONS = 1_000
IMPORT_MAX_ARTICLES = 50
IMPORT_MAX_LINES = 20_000
# Reading a page, splitting an article into sentences and reading a native import file run in a
# child process that is killed after this many seconds (quiz/bounded.py), so that no request holds
# a server worker, whose live games would stall meanwhile.
WORK_TIME_LIMIT_SECONDS = 5.0

# The time zone an assignment's times are read in when the teacher's browser does not say (no
# JavaScript). An IANA name, e.g. "Europe/London".
TIMEZONE = "UTC"

# Students' data is deleted after this many days (a whole number, 1 or more): live games' players
# and answers for games created before then, and assignments' students (with their attempts and
# answers) with no activity since (see quiz/retention.py). Checked at most once an hour per process,
# and by `flask --app quiz purge-student-data`. None keeps it until the teacher deletes the game,
# assignment or class.
STUDENT_DATA_RETENTION_DAYS = None
