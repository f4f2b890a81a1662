"""Production serving: gunicorn with gevent workers, which hold thousands of push connections.

    gunicorn -c quiz/gunicorn_conf.py

Settings come from QUIZ_* variables: QUIZ_BIND (default 127.0.0.1:8000), QUIZ_WORKERS (default 2),
QUIZ_WORKER_CONNECTIONS (default 5000), plus the app's own (QUIZ_DATABASE_URL, QUIZ_REDIS_URL...).
"""

import os

wsgi_app = "quiz.wsgi:app"
bind = os.environ.get("QUIZ_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUIZ_WORKERS", "2"))
# gevent: each connection is a greenlet, so a long-lived Server-Sent Events stream costs little.
worker_class = "gevent"
worker_connections = int(os.environ.get("QUIZ_WORKER_CONNECTIONS", "5000"))
timeout = 30
graceful_timeout = 5
# Longer than clients keep idle connections, so a phone's next answer never meets a connection
# the server is closing at that very moment.
keepalive = 75
accesslog = os.environ.get("QUIZ_ACCESS_LOG")  # off unless asked for: 1,000 players make a lot of lines
forwarded_allow_ips = os.environ.get("QUIZ_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Migrate the schema and load the built-in content once, in the master, before any worker."""
    from quiz import create_app
    from quiz.extensions import warn_if_limits_are_per_process
    from quiz.install import setup_database

    app = create_app()
    report = setup_database(app)
    server.log.info(
        "Database at revision %s; %d built-in questions loaded", report.revision_after, report.bank.questions
    )
    warn_if_limits_are_per_process(app, server.cfg.workers)
    app.extensions["quiz.engine"].dispose()
